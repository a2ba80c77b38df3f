using System.Diagnostics;
using System.IO.Compression;
using System.Text;

namespace RagPlatform.Web.Tests.Cli;

/// <summary>
/// Hostile files through the real <c>ragp</c> process, which runs under DOTNET_GCHeapHardLimit: if a bound regresses,
/// the child runs out of its 768 MB heap and the test fails, instead of the machine running out of memory.
/// </summary>
public sealed class HostileInputTests
{
    private const string HeapLimit = "0x30000000"; // 768 MB
    private const long BombInflatedBytes = 1100L * 1024 * 1024;
    private static readonly TimeSpan s_timeout = TimeSpan.FromMinutes(4);

    [Fact]
    public async Task A_docx_zip_bomb_fails_with_a_clear_error_while_the_rest_of_the_run_is_indexed()
    {
        using var cli = new CliFixture();
        var bomb = Path.Combine(cli.Inputs, "bomb.docx");
        WriteDocx(bomb, BombInflatedBytes);
        Assert.True(new FileInfo(bomb).Length < 20L * 1024 * 1024, "the bomb should be small on disk");
        WriteDocx(Path.Combine(cli.Inputs, "memo.docx"), 4096);
        cli.Write("notes.txt", "Notes\n\nThe supplier shall deliver the goods within thirty days of the order.");

        var run = await RunCappedAsync(cli, "index", cli.Inputs, "--collection", "hostile", "--json");

        Assert.True(run.ExitCode == 1, $"exit {run.ExitCode} (a crash or an out-of-memory would not be 1): {run.Stderr}");
        Assert.Equal(2, run.Count("added"));
        Assert.Equal(1, run.Count("failed"));
        var error = Assert.Single(run.Json.GetProperty("errors").EnumerateArray());
        Assert.EndsWith("bomb.docx", error.GetProperty("path").GetString(), StringComparison.Ordinal);
        Assert.Equal("word/document.xml inflates past 256 MB (Ingestion:MaxInflatedBytes)", error.GetProperty("error").GetString());

        var docs = await cli.RunAsync("docs", "list", "--collection", "hostile", "--json");
        var states = docs.Json.EnumerateArray().ToDictionary(d => Path.GetFileName(d.GetProperty("source").GetString()!), d => d.GetProperty("state").GetString());
        Assert.Equal("Failed", states["bomb.docx"]);
        Assert.Equal("Indexed", states["memo.docx"]);
        Assert.Equal("Indexed", states["notes.txt"]);
    }

    [Fact]
    public async Task A_docx_under_the_byte_limits_but_over_the_character_limit_fails_cleanly()
    {
        using var cli = new CliFixture();
        WriteDocx(Path.Combine(cli.Inputs, "long.docx"), 40L * 1024 * 1024);
        cli.Write("notes.txt", "Notes\n\nThe buyer pays within ten days.");

        var run = await RunCappedAsync(cli, ["index", cli.Inputs, "--collection", "hostile", "--json"], ("Ingestion__MaxDocumentChars", "1000000"), ("Ingestion__MaxCompressionRatio", "2000"));

        Assert.True(run.ExitCode == 1, $"exit {run.ExitCode}: {run.Stderr}");
        Assert.Equal(1, run.Count("added"));
        var error = Assert.Single(run.Json.GetProperty("errors").EnumerateArray());
        Assert.Equal("the document's text passes 1,000,000 characters (Ingestion:MaxDocumentChars)", error.GetProperty("error").GetString());
    }

    [Fact]
    public async Task A_document_over_its_decode_budget_fails_with_a_clear_error_and_the_run_goes_on()
    {
        using var cli = new CliFixture();
        WriteText(Path.Combine(cli.Inputs, "huge.txt"), 40L * 1024 * 1024);
        cli.Write("notes.txt", "Notes\n\nThe buyer pays within ten days.");

        var run = await RunCappedAsync(cli, ["index", cli.Inputs, "--collection", "slow", "--json"],
            ("Ingestion__DecodeTimeout", "00:00:01"), ("Ingestion__DecodeTimeoutPerMegabyte", "00:00:00"), ("DOTNET_GCHeapHardLimit", "0x60000000"));

        Assert.True(run.ExitCode == 1, $"exit {run.ExitCode}: {run.Stderr}");
        Assert.Equal(1, run.Count("added"));
        var error = Assert.Single(run.Json.GetProperty("errors").EnumerateArray());
        Assert.EndsWith("huge.txt", error.GetProperty("path").GetString(), StringComparison.Ordinal);
        Assert.Equal("decoding took longer than its budget of 1 s (Ingestion:DecodeTimeout, Ingestion:DecodeTimeoutPerMegabyte)", error.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Sigterm_stops_a_run_in_the_middle_of_decoding_a_large_file()
    {
        using var cli = new CliFixture();
        cli.Write("a-notes.txt", "Notes\n\nThe buyer pays within ten days.");
        WriteText(Path.Combine(cli.Inputs, "z-huge.txt"), 60L * 1024 * 1024);
        var info = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "ragp.dll"), "index", cli.Inputs, "--collection", "term", "--json", "--data", cli.Data })
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["DOTNET_GCHeapHardLimit"] = "0x80000000"; // 2 GB: a 60 MB text is large, not hostile
        info.Environment["Embedding__Enabled"] = "false";
        using var process = Process.Start(info)!;
        var firstDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.ErrorDataReceived += (_, e) =>
        {
            if (ProgressLine.DocumentsDone(e.Data) >= 1)
            {
                firstDone.TrySetResult();
            }
        };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        await firstDone.Task.WaitAsync(s_timeout);
        Assert.False(process.HasExited, "the run ended before the signal");

        var signalled = Stopwatch.StartNew();
        using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        await process.WaitForExitAsync().WaitAsync(s_timeout);
        var stopped = signalled.Elapsed;

        // Uncancelled, the 60 MB file's decode, chunking and writes take about a minute on the CI machine.
        Assert.True(stopped < TimeSpan.FromSeconds(20), $"the run took {stopped.TotalSeconds:F1} s to stop after SIGTERM");
        var job = Assert.Single((await cli.RunAsync("jobs", "list", "--json")).Json.EnumerateArray());
        Assert.Equal("Cancelled", job.GetProperty("state").GetString());
        var docs = (await cli.RunAsync("docs", "list", "--collection", "term", "--json")).Json.EnumerateArray().ToList();
        Assert.DoesNotContain(docs, d => d.GetProperty("source").GetString()!.EndsWith("z-huge.txt", StringComparison.Ordinal));
    }

    /// <summary>About <paramref name="bytes"/> of legal-looking plain text, written streamingly.</summary>
    private static void WriteText(string path, long bytes)
    {
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false), 1 << 16);
        for (long written = 0, section = 1; written < bytes; section++)
        {
            var block = $"Section {section}. Delivery\n\n{section}.1 The Supplier shall deliver the goods within thirty days of the order, as provided under 17 U.S.C. 107. The Buyer pays within ten days.\n\n";
            writer.Write(block);
            written += block.Length;
        }
    }

    /// <summary>A valid DOCX whose document.xml inflates to about <paramref name="inflatedBytes"/> of repeated paragraphs, written streamingly.</summary>
    internal static void WriteDocx(string path, long inflatedBytes)
    {
        using var file = File.Create(path);
        using var zip = new ZipArchive(file, ZipArchiveMode.Create);
        WriteEntry(zip, "[Content_Types].xml", """
            <?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>
            """);
        WriteEntry(zip, "_rels/.rels", """
            <?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>
            """);
        using var stream = zip.CreateEntry("word/document.xml", CompressionLevel.Optimal).Open();
        using var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16);
        writer.Write("""<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>""");
        writer.Write("""<w:p><w:pPr><w:pStyle w:val="Title"/></w:pPr><w:r><w:t>Supply memo</w:t></w:r></w:p>""");
        const string paragraph = "<w:p><w:r><w:t>The supplier shall deliver the goods within thirty days of the order.</w:t></w:r></w:p>";
        for (long written = 0; written < inflatedBytes; written += paragraph.Length)
        {
            writer.Write(paragraph);
        }

        writer.Write("</w:body></w:document>");
    }

    private static void WriteEntry(ZipArchive zip, string name, string text)
    {
        using var writer = new StreamWriter(zip.CreateEntry(name).Open(), new UTF8Encoding(false));
        writer.Write(text);
    }

    private static Task<CliRun> RunCappedAsync(CliFixture cli, params string[] args) => RunCappedAsync(cli, args, []);

    private static async Task<CliRun> RunCappedAsync(CliFixture cli, string[] args, params (string Name, string Value)[] environment)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "ragp.dll"));
        foreach (var arg in args.Concat(["--data", cli.Data]))
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["DOTNET_GCHeapHardLimit"] = HeapLimit;
        info.Environment["Embedding__Enabled"] = "false";
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = await process.StandardOutput.ReadToEndAsync().WaitAsync(s_timeout);
        await process.WaitForExitAsync().WaitAsync(s_timeout);
        return new CliRun(process.ExitCode, stdout, await stderr);
    }
}
