using System.Globalization;
using RagPlatform.Core.Indexing;

namespace RagPlatform.Ingestion.Pdf.Ocr;

/// <summary>
/// OCR with the Debian command-line tools: poppler's pdftoppm renders the page to a grayscale PNG, tesseract writes
/// its words as TSV to standard output. Both together get <see cref="OcrOptions.PageTimeout"/>.
/// </summary>
public sealed class TesseractPageOcr(TimeProvider time) : IPageOcr
{
    public string Engine => "tesseract";

    public OcrPageText Recognize(string pdfPath, OcrPageFrame frame, string workDirectory, OcrOptions options, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var packages = Packages(options.Language);
        var number = frame.Page.ToString(CultureInfo.InvariantCulture);
        var root = Path.Combine(workDirectory, "page-" + number);
        var png = root + ".png";
        try
        {
            var render = OcrProcess.Run(
                options.PdftoppmPath,
                ["-r", frame.Dpi.ToString(CultureInfo.InvariantCulture), "-gray", "-f", number, "-l", number, "-png", "-singlefile", pdfPath, root],
                Remaining(options, started), packages, cancellationToken);
            if (render.ExitCode != 0 || !File.Exists(png))
            {
                throw new OcrException($"pdftoppm could not render the page (exit code {render.ExitCode}: {render.LastErrorLine})");
            }

            var read = OcrProcess.Run(
                options.TesseractPath,
                [png, "stdout", "-l", options.Language, "--dpi", frame.Dpi.ToString(CultureInfo.InvariantCulture), "tsv"],
                Remaining(options, started), packages, cancellationToken);
            if (read.ExitCode != 0)
            {
                throw read.Error.Contains("Failed loading language", StringComparison.Ordinal)
                    ? new OcrException($"tesseract has no '{options.Language}' language data (install the Debian packages {packages})", isUnavailable: true)
                    : new OcrException($"tesseract failed (exit code {read.ExitCode}: {read.LastErrorLine})");
            }

            return TesseractTsv.Parse(read.Output, frame);
        }
        finally
        {
            File.Delete(png);
        }
    }

    /// <summary>The Debian packages OCR needs for <paramref name="language"/> ("eng+deu" needs tesseract-ocr-eng and -deu).</summary>
    public static string Packages(string language) =>
        "poppler-utils, tesseract-ocr, " + string.Join(", ", language.Split('+').Select(l => "tesseract-ocr-" + l.ToLowerInvariant().Replace('_', '-')));

    private TimeSpan Remaining(OcrOptions options, long started)
    {
        var left = options.PageTimeout - time.GetElapsedTime(started);
        if (left <= TimeSpan.Zero)
        {
            throw new OcrException($"OCR of the page ran longer than {options.PageTimeout.TotalSeconds:0.#} s (Ingestion:Ocr:PageTimeout)", isTransient: true);
        }

        return left;
    }
}
