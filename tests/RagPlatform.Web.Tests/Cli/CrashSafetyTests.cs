using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using RagPlatform.Core.Documents;
using RagPlatform.Core.Storage;
using RagPlatform.Search.Lexical;
using RagPlatform.Tests;

namespace RagPlatform.Web.Tests.Cli;

public sealed class CrashSafetyTests
{
    private const int Documents = 400;
    private static readonly TimeSpan s_timeout = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task Kill_9_mid_run_then_rerun_leaves_database_and_lucene_in_agreement()
    {
        using var cli = new CliFixture();
        for (var i = 0; i < Documents; i++)
        {
            cli.Write(Path.Combine($"part{i % 7}", $"doc{i:D4}{(i % 2 == 0 ? ".txt" : ".md")}"), DocumentText(i));
        }

        // First run: kill it as soon as it reports some documents done.
        using (var first = Start(cli))
        {
            var sawProgress = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            first.ErrorDataReceived += (_, e) =>
            {
                if (ProgressLine.DocumentsDone(e.Data) > 0)
                {
                    sawProgress.TrySetResult();
                }
            };
            first.BeginErrorReadLine();
            first.BeginOutputReadLine();
            await sawProgress.Task.WaitAsync(s_timeout);
            Assert.False(first.HasExited, "the first run finished before it could be killed");
            first.Kill(entireProcessTree: true);
            await first.WaitForExitAsync().WaitAsync(s_timeout);
        }

        // Second run to completion.
        string stdout;
        using (var second = Start(cli))
        {
            var stderr = second.StandardError.ReadToEndAsync();
            stdout = await second.StandardOutput.ReadToEndAsync().WaitAsync(s_timeout);
            await second.WaitForExitAsync().WaitAsync(s_timeout);
            Assert.True(second.ExitCode == 0, $"exit {second.ExitCode}: {await stderr}");
        }

        var summary = new CliRun(0, stdout, string.Empty);
        Assert.Equal(Documents, summary.Count("added") + summary.Count("updated") + summary.Count("unchanged"));
        Assert.True(summary.Count("unchanged") > 0, "the killed run committed nothing, so the crash was not mid-way");
        Assert.Equal(0, summary.Count("failed"));

        await using var services = LibraryServices.Over(cli.Data).BuildServiceProvider();
        var store = services.GetRequiredService<IMetadataStore>();
        var documents = await store.ListDocumentsAsync("crash", CancellationToken.None);
        Assert.Equal(Documents, documents.Count);
        Assert.Equal(Documents, documents.Select(d => d.Source).Distinct(StringComparer.Ordinal).Count());
        Assert.All(documents, d => Assert.Equal(DocumentState.Indexed, d.State));

        var dbCounts = await store.GetChunkCountsAsync("crash", CancellationToken.None);
        var luceneCounts = await services.GetRequiredService<LuceneIndex>().GetChunkCountsAsync("crash", CancellationToken.None);
        Assert.Equal(documents.Select(d => d.Id).Order(), luceneCounts.Keys.Order());
        foreach (var document in documents)
        {
            Assert.True(document.Chunks > 0);
            Assert.Equal(document.Chunks, dbCounts[document.Id]);
            Assert.Equal(document.Chunks, luceneCounts[document.Id]);
        }
    }

    private static Process Start(CliFixture cli)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "ragp.dll"), "index", cli.Inputs, "--collection", "crash", "--json", "--data", cli.Data })
        {
            info.ArgumentList.Add(arg);
        }

        return Process.Start(info)!;
    }

    private static string DocumentText(int i)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Agreement {i}\n\n");
        for (var p = 0; p < 12; p++)
        {
            text.Append(CultureInfo.InvariantCulture,
                $"Clause {p} of agreement {i}: the party number {i * 31 % 97} shall deliver goods lot {p * i} before the deadline, and the buyer pays within {p + 10} days. ");
            text.Append("Late delivery entitles the buyer to damages capped at the contract price.\n\n");
        }

        return text.ToString();
    }
}
