using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;

namespace RagPlatform.Ingestion.Pdf.Ocr;

/// <summary>
/// Decides from the page alone whether it needs OCR, so the decoder and the glyph mapper make the same decision
/// for the same file. Pages with a real text layer return on the first check without looking at images.
/// </summary>
public static class OcrTrigger
{
    /// <summary>Fewer letters than this over a page-sized image is a scanner's stray layer, not the page's text.</summary>
    private const int HandfulOfLetters = 5;

    /// <summary>At least this many copies of one glyph and nothing else is a placeholder layer.</summary>
    private const int RepeatedGlyphs = 20;

    /// <summary>An image covering this share of the page makes it a scan.</summary>
    private const double BigImageShare = 0.5;

    public static OcrNeed Check(Page page)
    {
        var (visible, letters, repeated) = (0, 0, true);
        string? first = null;
        foreach (var letter in page.Letters)
        {
            if (string.IsNullOrWhiteSpace(letter.Value))
            {
                continue;
            }

            visible++;
            letters += letter.Value.Count(char.IsLetter);
            first ??= letter.Value;
            repeated &= letter.Value == first;
        }

        if (visible == 0)
        {
            return OcrNeed.NoTextLayer;
        }

        if (letters >= HandfulOfLetters && !repeated)
        {
            return OcrNeed.None;
        }

        return (repeated && visible >= RepeatedGlyphs) || HasBigImage(page) ? OcrNeed.JunkTextLayer : OcrNeed.None;
    }

    private static bool HasBigImage(Page page)
    {
        var area = page.MediaBox.Bounds.Area;
        try
        {
            return area > 0 && page.GetImages().Any(i => i.BoundingBox.Area >= BigImageShare * area);
        }
        catch (Exception ex) when (ex is PdfDocumentFormatException or InvalidOperationException or ArgumentException
            or NullReferenceException or KeyNotFoundException or IndexOutOfRangeException or FormatException)
        {
            // An image too broken to place cannot make the page a scan; its letters decode as they always did.
            return false;
        }
    }
}
