using System.Diagnostics;
using System.Text.Json;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Writer;

namespace RagPlatform.Web.Tests.Cli;

/// <summary>
/// An image-only PDF scanned at 600 dpi through the real <c>ragp</c> process under DOTNET_GCHeapHardLimit: the page
/// is rendered at the OCR resolution (300 dpi), not the scan's, so memory stays bounded, the page is searchable and
/// its warning says what was done; the text file beside it is indexed too.
/// </summary>
public sealed class HostileScanTests
{
    private const string HeapLimit = "0x30000000"; // 768 MB
    private static readonly TimeSpan s_timeout = TimeSpan.FromMinutes(12);

    [Fact]
    public async Task A_600_dpi_scan_is_read_at_the_ocr_resolution_under_a_heap_limit()
    {
        using var cli = new CliFixture();
        var source = Path.Combine(AppContext.BaseDirectory, "samples", "AILA_2019_Overview_Paper.pdf");
        var png = Path.Combine(cli.Root, "page");
        Run("pdftoppm", "-r", "600", "-gray", "-f", "2", "-l", "2", "-png", "-singlefile", source, png);
        var builder = new PdfDocumentBuilder();
        builder.AddPage(595, 842).AddPng(await File.ReadAllBytesAsync(png + ".png"), new PdfRectangle(0, 0, 595, 842));
        await File.WriteAllBytesAsync(Path.Combine(cli.Inputs, "scan-600dpi.pdf"), builder.Build());
        cli.Write("notes.txt", "Notes\n\nThe buyer pays within ten days.");

        var run = await RunCappedAsync(cli, "index", cli.Inputs, "--collection", "scans", "--json");

        Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}: {run.Stderr}");
        Assert.Equal(2, run.Count("added"));
        var docs = await cli.RunAsync("docs", "list", "--collection", "scans", "--json");
        var scan = docs.Json.EnumerateArray().Single(d => d.GetProperty("source").GetString()!.EndsWith("scan-600dpi.pdf", StringComparison.Ordinal));
        var warning = Assert.Single(scan.GetProperty("warnings").EnumerateArray()).GetString();
        Assert.Matches(@"^page 1 was OCRed \(tesseract, mean confidence \d+%\); its 6\d\d dpi image was rendered at 300 dpi$", warning);
        var hits = await cli.RunAsync("search", "statutes", "--collection", "scans", "--json");
        Assert.Contains("scan-600dpi.pdf", hits.Stdout, StringComparison.Ordinal);
    }

    private static void Run(string program, params string[] arguments)
    {
        var info = new ProcessStartInfo(program) { UseShellExecute = false };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{program} exited with {process.ExitCode}");
    }

    private static async Task<CliRun> RunCappedAsync(CliFixture cli, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "ragp.dll"));
        foreach (var arg in args.Concat(["--data", cli.Data]))
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["DOTNET_GCHeapHardLimit"] = HeapLimit;
        info.Environment["Embedding__Enabled"] = "false";
        // A 300 dpi page takes seconds alone and can take minutes on a loaded machine: the time bound is not under test.
        info.Environment["Ingestion__DecodeTimeout"] = "00:10:00";
        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = await process.StandardOutput.ReadToEndAsync().WaitAsync(s_timeout);
        await process.WaitForExitAsync().WaitAsync(s_timeout);
        return new CliRun(process.ExitCode, stdout, await stderr);
    }
}
