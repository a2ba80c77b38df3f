using System.Globalization;
using RagPlatform.Core.Diagnostics;
using RagPlatform.Core.Documents;
using RagPlatform.Core.Indexing;
using RagPlatform.Ingestion.Normalization;
using UglyToad.PdfPig.Content;

namespace RagPlatform.Ingestion.Pdf.Ocr;

/// <summary>
/// OCR for one PDF: copies the file to a private temp folder the first time a page needs it, recognizes pages one
/// at a time, turns failures into page warnings, and deletes the folder when disposed. Once the tools prove missing,
/// later pages get the same warning without starting them again.
/// </summary>
/// <param name="engine">Renders and recognizes one page.</param>
/// <param name="pdf">The file.</param>
/// <param name="options">The OCR settings.</param>
/// <param name="cancellationToken">Passed to the OCR programs (killed when it fires) and to the wait for an OCR slot.</param>
/// <param name="pageCount">The document's pages, for the "OCR page k of n" progress steps (0: no steps reported).</param>
internal sealed class PdfOcrSession(IPageOcr engine, byte[] pdf, OcrOptions options, CancellationToken cancellationToken, int pageCount = 0) : IDisposable
{
    private readonly List<OcrPage> _pages = [];
    private string? _directory;
    private string? _pdfPath;
    private string? _unavailable;

    /// <summary>The pages recognized so far, in page order.</summary>
    public IReadOnlyList<OcrPage> Pages => _pages;

    /// <summary>The decoder's hook: the page's text from OCR when it needs it; false when its own text layer is to be read.</summary>
    public bool TryAddPage(Page page, int number, List<string> paragraphs, List<string> warnings)
    {
        var need = OcrTrigger.Check(page);
        if (need == OcrNeed.None)
        {
            if (OcrTrigger.UnreadImageShare(page) is > 0 and var share)
            {
                warnings.Add(string.Create(CultureInfo.InvariantCulture,
                    $"page {number} is partly an image: it covers {share:P0} of the page with no text layer over it (a scanned figure or scanned text); the page's text layer was read, the image was not OCRed"));
            }

            return false;
        }

        if (need == OcrNeed.JunkTextLayer && !options.Enabled)
        {
            // Say what was done: the junk layer is kept (the glyph mapper reads it the same way), OCR was off.
            warnings.Add($"page {number} has an unusable text layer (junk glyphs), kept as it is; OCR is off (Ingestion:Ocr:Enabled)");
            return false;
        }

        var noText = $"page {number} has no text layer (scanned?)";
        if (!options.Enabled)
        {
            warnings.Add(noText);
            return true;
        }

        var (text, failure) = TryRecognize(page, number);
        if (text is null || !text.Words.Any())
        {
            if (need == OcrNeed.NoTextLayer)
            {
                // A blank page reads as nothing: the old warning is then the whole truth.
                warnings.Add(failure is null ? noText : $"{noText}; {failure}");
                return true;
            }

            if (failure is not null)
            {
                warnings.Add($"page {number} has an unusable text layer, kept as it is; {failure}");
            }

            return false;
        }

        foreach (var paragraph in text.Paragraphs)
        {
            paragraphs.Add(paragraph.Text);
        }

        var mean = text.MeanConfidence;
        _pages.Add(new OcrPage(number, engine.Engine, Math.Round(mean, 1), text.Words.Count()));
        var rendered = OcrPageFrame.For(page, number, options.Dpi).Dpi;
        var scanned = OcrTrigger.ImageDpi(page);
        // A scan finer than the render resolution is read at that resolution, so its memory and time stay bounded.
        var capped = scanned > rendered + 10 ? $"; its {scanned} dpi image was rendered at {rendered} dpi" : "";
        warnings.Add(string.Create(CultureInfo.InvariantCulture,
            $"page {number} was OCRed ({engine.Engine}, mean confidence {mean:0}%){(need == OcrNeed.JunkTextLayer ? "; its text layer was unusable" : "")}{capped}"));
        return true;
    }

    /// <summary>The page's words when it needs OCR and OCR works; null otherwise (the glyph mapper's entry).</summary>
    public OcrPageText? Recognize(Page page, int number) =>
        options.Enabled && OcrTrigger.Check(page) != OcrNeed.None ? TryRecognize(page, number).Text : null;

    public void Dispose()
    {
        if (_directory is null)
        {
            return;
        }

        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Throwing here would hide the decode's own outcome; the folder's name says whose it is.
        }
    }

    private (OcrPageText? Text, string? Failure) TryRecognize(Page page, int number)
    {
        if (_unavailable is not null)
        {
            return (null, _unavailable);
        }

        if (pageCount > 0)
        {
            DecodeProgress.Report(string.Create(CultureInfo.InvariantCulture, $"OCR page {number} of {pageCount}"));
        }

        using var activity = RagActivity.Source.StartActivity("ocr");
        activity?.SetTag("ocr.page", number);
        try
        {
            var path = PdfPath();
            using var slot = OcrSlots.Enter(cancellationToken);
            var text = engine.Recognize(path, OcrPageFrame.For(page, number, options.Dpi), _directory!, options, cancellationToken);
            activity?.SetTag("ocr.words", text.Words.Count());
            return (text, null);
        }
        catch (OcrException ex) when (ex.IsUnavailable)
        {
            _unavailable = $"OCR is unavailable: {ex.Message}";
            return (null, _unavailable);
        }
        catch (OcrException ex)
        {
            return (null, $"OCR failed: {ex.Message}");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return (null, $"OCR failed: cannot write its temp files: {ex.Message}");
        }
    }

    private string PdfPath()
    {
        if (_pdfPath is null)
        {
            var root = string.IsNullOrWhiteSpace(options.WorkDirectory) ? Path.GetTempPath() : options.WorkDirectory;
            _directory = Path.Combine(root, "ragp-ocr-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(_directory);
            var path = Path.Combine(_directory, "document.pdf");
            File.WriteAllBytes(path, pdf);
            _pdfPath = path;
        }

        return _pdfPath;
    }
}
