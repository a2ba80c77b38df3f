using RagPlatform.Indexer;

namespace RagPlatform.Web.Tests.Cli;

/// <summary>A temp data directory and input folder; runs <c>ragp</c> in-process against them.</summary>
internal sealed class CliFixture : IDisposable
{
    static CliFixture()
    {
        // The CLI tests exercise indexing and BM25; embedding is covered by the library and hybrid API tests.
        Environment.SetEnvironmentVariable("Embedding__Enabled", "false");
        // One OCRed page takes seconds alone but can take a minute while the other test projects run on 2 cores.
        Environment.SetEnvironmentVariable("Ingestion__Ocr__PageTimeout", "00:05:00");
    }

    public CliFixture()
    {
        Root = Directory.CreateTempSubdirectory("ragp-cli-").FullName;
        Data = Path.Combine(Root, "data");
        Inputs = Directory.CreateDirectory(Path.Combine(Root, "inputs")).FullName;
    }

    public string Root { get; }

    public string Data { get; }

    public string Inputs { get; }

    public async Task<CliRun> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await RagpApp.RunAsync([.. args, "--data", Data], stdout, stderr, CancellationToken.None);
        return new CliRun(code, stdout.ToString(), stderr.ToString());
    }

    public string Write(string relativePath, string text)
    {
        var path = Path.Combine(Inputs, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a closing process; the temp folder is cleaned by the OS.
        }
    }
}
