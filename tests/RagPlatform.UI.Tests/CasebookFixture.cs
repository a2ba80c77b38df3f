using System.Diagnostics;

namespace RagPlatform.UI.Tests;

/// <summary>
/// A browser on a server whose only collection, "casebook", was indexed beforehand by the real <c>ragp</c> CLI (a
/// separate process, as a user would run it), so nothing is named "library" and no collection is chosen by hand.
/// </summary>
public sealed class CasebookFixture : IAsyncLifetime
{
    public const string Collection = "casebook";

    public const string Opinion = """
        CASEBOOK ON CONTRACT REMEDIES

        Chapter 4 Damages for Breach

        4.1 Foreseeability. In Hadley v. Baxendale the court held that damages for breach of contract are limited to losses arising naturally from the breach or reasonably contemplated by both parties when they made the contract.
        4.2 Mitigation. A party injured by a breach must take reasonable steps to reduce its loss and cannot recover for losses it could have avoided.
        """;

    private readonly string _root = Directory.CreateTempSubdirectory("ragp-ui-casebook-").FullName;

    public CasebookFixture()
    {
        Browser = new BrowserFixture(new RagWebFactory(dataDirectory: Path.Combine(_root, "data")));
    }

    public BrowserFixture Browser { get; }

    public async Task InitializeAsync()
    {
        var inputs = Directory.CreateDirectory(Path.Combine(_root, "inputs")).FullName;
        await File.WriteAllTextAsync(Path.Combine(inputs, "remedies.txt"), Opinion);
        await IndexWithCliAsync(inputs, Path.Combine(_root, "data"));
        await Browser.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // The OS cleans temp folders.
        }
    }

    private static async Task IndexWithCliAsync(string inputs, string data)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "ragp.dll"), "index", inputs, "--collection", Collection, "--data", data })
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["Embedding__Enabled"] = "false";
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        Assert.True(process.ExitCode == 0, $"ragp index exited {process.ExitCode}: {await stdout} {await stderr}");
    }
}

[CollectionDefinition(Name)]
public sealed class CasebookCollection : ICollectionFixture<CasebookFixture>
{
    public const string Name = "casebook";
}
