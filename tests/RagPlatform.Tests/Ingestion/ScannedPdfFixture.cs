using System.Diagnostics;
using RagPlatform.Core.Documents;
using RagPlatform.Core.Indexing;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace RagPlatform.Tests.Ingestion;

/// <summary>
/// A real scan made once per test class: page 2 of a sample paper rendered by pdftoppm at 300 dpi and wrapped, as
/// the only thing on the page, in a new PDF of the same size; plus what pdftotext reads on the original page.
/// </summary>
public sealed class ScannedPdfFixture : IDisposable
{
    public const string Source = "AILA_2019_Overview_Paper.pdf";
    public const int SourcePage = 2;

    public ScannedPdfFixture()
    {
        Folder = Directory.CreateTempSubdirectory("ragp-ocr-test-").FullName;
        var source = Decoders.SamplePath(Source);
        var page = SourcePage.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Run("pdftoppm", "-r", "300", "-gray", "-f", page, "-l", page, "-png", "-singlefile", source, Path.Combine(Folder, "page"));
        Png = File.ReadAllBytes(Path.Combine(Folder, "page.png"));
        using (var original = PdfDocument.Open(File.ReadAllBytes(source)))
        {
            var bounds = original.GetPage(SourcePage).MediaBox.Bounds;
            (Width, Height) = (bounds.Width, bounds.Height);
        }

        Scan = ImagePdf(overlay: null);
        // One OCRed page takes seconds alone but can take a minute while the other test projects run on 2 cores.
        Decoded = Decoders.Create(new IngestionOptions { Ocr = { PageTimeout = TimeSpan.FromMinutes(5) } }).Decode(Scan, "scan.pdf", CancellationToken.None);
        OriginalText = Run("pdftotext", "-f", page, "-l", page, source, "-");
    }

    public string Folder { get; }

    public byte[] Png { get; }

    public double Width { get; }

    public double Height { get; }

    /// <summary>The one-page, image-only PDF.</summary>
    public byte[] Scan { get; }

    /// <summary><see cref="Scan"/> decoded with the default options (OCR on).</summary>
    public DocumentText Decoded { get; }

    /// <summary>The original page's text as poppler's pdftotext reads it.</summary>
    public string OriginalText { get; }

    /// <summary>A PDF whose pages are the scan, after an optional first page of real text; with an optional tiny text layer over the scan.</summary>
    public byte[] ImagePdf(string? overlay, string? textPageBefore = null)
    {
        var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        if (textPageBefore is not null)
        {
            builder.AddPage(Width, Height).AddText(textPageBefore, 12, new PdfPoint(72, Height - 72), font);
        }

        var scan = builder.AddPage(Width, Height);
        scan.AddPng(Png, new PdfRectangle(0, 0, Width, Height));
        if (overlay is not null)
        {
            scan.AddText(overlay, 6, new PdfPoint(20, 20), font);
        }

        return builder.Build();
    }

    public static string Run(string program, params string[] arguments)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{program} exited with {process.ExitCode}");
        return output;
    }

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}
