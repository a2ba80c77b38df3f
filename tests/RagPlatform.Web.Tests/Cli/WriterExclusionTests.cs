using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using RagPlatform.Core.Documents;
using RagPlatform.Core.Storage;
using RagPlatform.Search.Lexical;
using RagPlatform.Tests;

namespace RagPlatform.Web.Tests.Cli;

/// <summary>
/// The one-writer rule across real processes: a CLI beside a server, two CLIs, two servers; and a damaged collection
/// that is reported, served around and repaired.
/// </summary>
public sealed class WriterExclusionTests
{
    [Fact]
    public async Task Cli_index_beside_a_running_server_is_refused_naming_it_and_can_hand_the_job_to_the_server()
    {
        using var cli = new CliFixture();
        cli.Write("lease.txt", "Lease\n\nThe lessee shall pay the monthly rent on the first business day of each month.");
        var port = RealProcess.FreePort();
        using var server = RealProcess.Server(cli.Data, port, new Dictionary<string, string> { ["Jobs__Roots__0"] = cli.Inputs });
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        await server.WaitUntilListeningAsync(http, "/api/health");

        using (var refused = RealProcess.Ragp(cli.Data, "index", cli.Inputs, "--collection", "leases", "--json"))
        {
            Assert.Equal(2, await refused.WaitAsync());
            Assert.Contains($"the server at http://127.0.0.1:{port}", refused.Stderr, StringComparison.Ordinal);
            Assert.Contains($"pid {server.Id}", refused.Stderr, StringComparison.Ordinal);
            Assert.Contains("--server", refused.Stderr, StringComparison.Ordinal);
            Assert.Equal(string.Empty, refused.Stdout.Trim());
        }

        // Nothing was written beside the server: it knows no such collection.
        using (var missing = await http.GetAsync("/api/search?q=rent&collection=leases"))
        {
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        }

        using (var handed = RealProcess.Ragp(cli.Data, "index", cli.Inputs, "--collection", "leases", "--json", "--server", $"http://127.0.0.1:{port}"))
        {
            Assert.True(await handed.WaitAsync() == 0, handed.Stderr);
            using var summary = JsonDocument.Parse(handed.Stdout);
            Assert.Equal(1, summary.RootElement.GetProperty("added").GetInt32());
        }

        // The server indexed it itself, so its own search (all of its in-memory state) sees the document.
        using var found = JsonDocument.Parse(await http.GetStringAsync("/api/search?q=monthly%20rent&collection=leases"));
        var hit = Assert.Single(found.RootElement.GetProperty("hits").EnumerateArray());
        Assert.Contains("monthly rent", hit.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.False(server.HasExited);
    }

    [Fact]
    public async Task A_second_server_on_a_live_data_directory_refuses_to_start_and_the_first_keeps_serving()
    {
        using var cli = new CliFixture();
        cli.Write("a.txt", "Agreement\n\nEither party may terminate this agreement on ninety days' written notice.");
        Assert.Equal(0, (await cli.RunAsync("index", cli.Inputs, "--collection", "contracts", "--json")).ExitCode);

        var port = RealProcess.FreePort();
        using var first = RealProcess.Server(cli.Data, port);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        await first.WaitUntilListeningAsync(http, "/api/health");

        var secondPort = RealProcess.FreePort();
        using (var second = RealProcess.Server(cli.Data, secondPort))
        {
            Assert.Equal(2, await second.WaitAsync());
            Assert.Contains($"pid {first.Id}", second.Stderr, StringComparison.Ordinal);
            Assert.Contains($"the server at http://127.0.0.1:{port}", second.Stderr, StringComparison.Ordinal);
        }

        using var health = JsonDocument.Parse(await http.GetStringAsync("/api/health"));
        Assert.Equal("Healthy", health.RootElement.GetProperty("status").GetString());
        using var found = JsonDocument.Parse(await http.GetStringAsync("/api/search?q=terminate%20notice&collection=contracts"));
        Assert.Single(found.RootElement.GetProperty("hits").EnumerateArray());
    }

    [Fact]
    public async Task Two_cli_index_runs_at_once_the_second_is_refused_and_the_first_completes_with_stores_agreeing()
    {
        // Enough documents that the first run is still writing when the second has started (on an idle machine the
        // overlapped pipeline indexed 300 of them before a second process was up, so the second was never refused).
        const int documents = 1200;
        using var cli = new CliFixture();
        for (var i = 0; i < documents; i++)
        {
            cli.Write($"doc{i:D4}.txt", Agreement(i));
        }

        using var first = RealProcess.Ragp(cli.Data, "index", cli.Inputs, "--collection", "race", "--json");
        var progressed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        first.ErrorLine += line =>
        {
            if (ProgressLine.DocumentsDone(line) > 0)
            {
                progressed.TrySetResult();
            }
        };
        await progressed.Task.WaitAsync(RealProcess.Timeout);
        Assert.False(first.HasExited, "the first run ended before the second could start beside it");

        using (var second = RealProcess.Ragp(cli.Data, "index", cli.Inputs, "--collection", "race", "--json"))
        {
            Assert.Equal(2, await second.WaitAsync());
            Assert.Contains($"pid {first.Id}", second.Stderr, StringComparison.Ordinal);
            Assert.Contains("index", second.Stderr, StringComparison.Ordinal);
        }

        Assert.True(await first.WaitAsync() == 0, first.Stderr);
        using var summary = JsonDocument.Parse(first.Stdout);
        Assert.Equal(documents, summary.RootElement.GetProperty("added").GetInt32());

        await using var services = LibraryServices.Over(cli.Data).BuildServiceProvider();
        var stored = await services.GetRequiredService<IMetadataStore>().ListDocumentsAsync("race", CancellationToken.None);
        Assert.Equal(documents, stored.Count);
        Assert.All(stored, d => Assert.Equal(DocumentState.Indexed, d.State));
        var lucene = await services.GetRequiredService<LuceneIndex>().GetChunkCountsAsync("race", CancellationToken.None);
        Assert.Equal(stored.Select(d => d.Id).Order(), lucene.Keys.Order());
    }

    [Fact]
    public async Task A_damaged_collection_is_reported_and_refused_while_others_are_served_and_rebuild_repairs_it()
    {
        using var cli = new CliFixture();
        cli.Write(Path.Combine("a", "a.txt"), "Statute\n\nThe owner of a copyright has the exclusive right to reproduce the work.");
        cli.Write(Path.Combine("b", "b.txt"), "Opinion\n\nThe court held that the warrantless search violated the Fourth Amendment.");
        Assert.Equal(0, (await cli.RunAsync("index", Path.Combine(cli.Inputs, "a"), "--collection", "alpha", "--json")).ExitCode);
        Assert.Equal(0, (await cli.RunAsync("index", Path.Combine(cli.Inputs, "b"), "--collection", "beta", "--json")).ExitCode);

        // What two concurrent writers used to leave behind: a BM25 folder with only segments.gen.
        var bm25 = Path.Combine(cli.Data, "indexes", "alpha", "bm25");
        foreach (var file in Directory.GetFiles(bm25).Where(f => Path.GetFileName(f) != "segments.gen"))
        {
            File.Delete(file);
        }

        var port = RealProcess.FreePort();
        using (var server = RealProcess.Server(cli.Data, port))
        using (var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") })
        {
            await server.WaitUntilListeningAsync(http, "/api/health");
            using var health = JsonDocument.Parse(await http.GetStringAsync("/api/health"));
            Assert.Equal("Degraded", health.RootElement.GetProperty("status").GetString());
            var collections = health.RootElement.GetProperty("checks").GetProperty("collections");
            Assert.Equal(["alpha"], collections.GetProperty("collections").EnumerateArray().Select(c => c.GetString()));

            using var refused = await http.GetAsync("/api/search?q=copyright&collection=alpha");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            Assert.Contains("ragp index --rebuild --collection alpha", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

            using var served = JsonDocument.Parse(await http.GetStringAsync("/api/search?q=warrantless%20search&collection=beta"));
            Assert.Single(served.RootElement.GetProperty("hits").EnumerateArray());
        }

        var rebuilt = await cli.RunAsync("index", "--rebuild", "--collection", "alpha", "--json");
        Assert.True(rebuilt.ExitCode == 0, rebuilt.Stderr);
        var search = await cli.RunAsync("search", "exclusive right reproduce", "--collection", "alpha", "--json");
        Assert.True(search.ExitCode == 0, search.Stderr);
        Assert.Single(search.Json.GetProperty("hits").EnumerateArray());
    }

    private static string Agreement(int i)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Agreement {i}\n\n");
        for (var p = 0; p < 10; p++)
        {
            text.Append(CultureInfo.InvariantCulture,
                $"Clause {p} of agreement {i}: the seller shall deliver lot {p * i} within {p + 5} days, and the buyer pays within {p + 30} days.\n\n");
        }

        return text.ToString();
    }
}
