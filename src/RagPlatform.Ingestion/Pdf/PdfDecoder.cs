using RagPlatform.Core.Documents;
using RagPlatform.Core.Errors;
using RagPlatform.Ingestion.Structure;
using RagPlatform.Ingestion.Text;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.DocumentLayoutAnalysis;
using UglyToad.PdfPig.DocumentLayoutAnalysis.PageSegmenter;
using UglyToad.PdfPig.DocumentLayoutAnalysis.ReadingOrderDetector;
using UglyToad.PdfPig.DocumentLayoutAnalysis.WordExtractor;
using UglyToad.PdfPig.Exceptions;

namespace RagPlatform.Ingestion.Pdf;

/// <summary>
/// PDF through PdfPig's layout analysis: letters to words (nearest neighbour), words to blocks (Docstrum), blocks in
/// reading order, so two-column papers and regulatory text read column by column. One page span per PDF page; a page
/// without a text layer gets a warning instead of silently contributing nothing.
/// </summary>
internal sealed class PdfDecoder : IFormatDecoder
{
    public IReadOnlyCollection<string> Extensions { get; } = [".pdf"];

    public DocumentText Decode(byte[] content, CancellationToken cancellationToken)
    {
        if (!LooksLikePdf(content))
        {
            throw new DocumentFormatException("not a PDF file (no %PDF header)");
        }

        PdfDocument document;
        try
        {
            document = PdfDocument.Open(content, new ParsingOptions { UseLenientParsing = true, SkipMissingFonts = true });
        }
        catch (PdfDocumentEncryptedException ex)
        {
            throw new DocumentFormatException("the PDF is encrypted and needs a password", ex);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw new DocumentFormatException($"the PDF is damaged or unreadable: {ex.Message}", ex);
        }

        using (document)
        {
            var composer = new TextComposer();
            var warnings = new List<string>();
            int pageCount;
            try
            {
                pageCount = document.NumberOfPages;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                throw new DocumentFormatException($"the PDF is damaged or unreadable: {ex.Message}", ex);
            }

            if (pageCount == 0)
            {
                throw new DocumentFormatException("the PDF has no pages");
            }

            var unreadable = 0;
            for (var number = 1; number <= pageCount; number++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                composer.BeginPage(number);
                try
                {
                    var page = document.GetPage(number);
                    if (!AddPage(composer, page))
                    {
                        warnings.Add($"page {number} has no text layer (scanned?)");
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    unreadable++;
                    warnings.Add($"page {number} could not be read ({ex.GetType().Name}: {ex.Message})");
                }

                composer.EndPage();
            }

            if (unreadable == pageCount)
            {
                throw new DocumentFormatException("the PDF is damaged: no page could be read");
            }

            return composer.Build(TitleOf(document), warnings);
        }
    }

    private static bool AddPage(TextComposer composer, Page page)
    {
        var letters = page.Letters.Where(l => !string.IsNullOrWhiteSpace(l.Value)).ToList();
        if (letters.Count == 0)
        {
            return false;
        }

        var words = NearestNeighbourWordExtractor.Instance.GetWords(letters).ToList();
        if (words.Count == 0)
        {
            return false;
        }

        var blocks = DocstrumBoundingBoxes.Instance.GetBlocks(words);
        var ordered = UnsupervisedReadingOrderDetector.Instance.Get(blocks);
        foreach (var block in ordered)
        {
            var lines = block.TextLines.Select(LineText).ToList();
            // Docstrum often glues a heading to the paragraph below it; a heading line becomes its own paragraph.
            if (lines.Count > 1 && SectionDetector.IsHeadingLine(lines[0]))
            {
                composer.AddParagraph(lines[0]);
                lines.RemoveAt(0);
            }

            composer.AddLines(lines);
        }

        return true;
    }

    private static string LineText(TextLine line) => string.Join(' ', line.Words.Select(w => w.Text));

    private static string? TitleOf(PdfDocument document)
    {
        var title = document.Information.Title?.Trim();
        if (string.IsNullOrEmpty(title) || title.Length < 4 || title.Length > 300
            || title.StartsWith("Microsoft Word", StringComparison.OrdinalIgnoreCase)
            || title.EndsWith(".pdf", StringComparison.OrdinalIgnoreCase)
            || title.EndsWith(".doc", StringComparison.OrdinalIgnoreCase)
            || title.EndsWith(".docx", StringComparison.OrdinalIgnoreCase)
            || title.Equals("untitled", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return title;
    }

    private static bool LooksLikePdf(byte[] content)
    {
        // The header may follow some junk bytes (the spec allows up to 1024).
        var limit = Math.Min(content.Length - 4, 1024);
        for (var i = 0; i < limit; i++)
        {
            if (content[i] == '%' && content[i + 1] == 'P' && content[i + 2] == 'D' && content[i + 3] == 'F')
            {
                return true;
            }
        }

        return false;
    }
}
