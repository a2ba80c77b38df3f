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

    /// <summary>A layer of at least this many glyphs is judged by what its characters are.</summary>
    private const int JudgedGlyphs = 20;

    /// <summary>
    /// A layer whose characters are mostly unmapped (private use, control, U+FFFD), or of which fewer than this share
    /// are letters or digits once leaders and rules (". - _ …") are left out, decodes with a wrong encoding: the
    /// glyphs are drawn right, so the rendered page reads, but their text is not the page's.
    /// </summary>
    private const double WordCharacterShare = 0.1;

    public static OcrNeed Check(Page page) => Judge(page.Letters.Select(l => l.Value), () => HasBigImage(page));

    /// <summary>The decision from the page's glyph values (in drawing order); <paramref name="hasBigImage"/> is asked only when it matters.</summary>
    internal static OcrNeed Judge(IEnumerable<string> values, Func<bool> hasBigImage)
    {
        var (visible, letters, repeated) = (0, 0, true);
        var (unmapped, wordChars, counted) = (0, 0, 0);
        string? first = null;
        foreach (var value in values)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                continue;
            }

            visible++;
            foreach (var c in value)
            {
                letters += char.IsLetter(c) ? 1 : 0;
                if (c is '.' or '-' or '_' or '\u2026' or '\u00B7' or '\u2014' or '\u2013')
                {
                    continue;
                }

                counted++;
                wordChars += char.IsLetterOrDigit(c) ? 1 : 0;
                unmapped += Unmapped(c) ? 1 : 0;
            }

            first ??= value;
            repeated &= value == first;
        }

        if (visible == 0)
        {
            return OcrNeed.NoTextLayer;
        }

        if (visible >= JudgedGlyphs && counted > 0 && (2 * unmapped >= counted || wordChars < WordCharacterShare * counted))
        {
            return OcrNeed.JunkTextLayer;
        }

        if (letters >= HandfulOfLetters && !repeated)
        {
            return OcrNeed.None;
        }

        return (repeated && visible >= RepeatedGlyphs) || hasBigImage() ? OcrNeed.JunkTextLayer : OcrNeed.None;
    }

    /// <summary>
    /// The share of the page covered by its largest image that has no letters over it (a scanned half page beside a
    /// text layer), or 0; only for images over a quarter of the page.
    /// </summary>
    public static double UnreadImageShare(Page page)
    {
        var area = page.MediaBox.Bounds.Area;
        if (area <= 0)
        {
            return 0;
        }

        try
        {
            var largest = 0.0;
            foreach (var image in page.GetImages())
            {
                var box = image.BoundingBox;
                if (box.Area < 0.25 * area || box.Area / area <= largest)
                {
                    continue;
                }

                var (left, right) = (Math.Min(box.Left, box.Right), Math.Max(box.Left, box.Right));
                var (bottom, top) = (Math.Min(box.Bottom, box.Top), Math.Max(box.Bottom, box.Top));
                var over = page.Letters.Count(l => !string.IsNullOrWhiteSpace(l.Value) && l.BoundingBox.Centroid is var c
                    && c.X >= left && c.X <= right && c.Y >= bottom && c.Y <= top);
                if (over < HandfulOfLetters)
                {
                    largest = Math.Min(1, box.Area / area);
                }
            }

            return largest;
        }
        catch (Exception ex) when (ex is PdfDocumentFormatException or InvalidOperationException or ArgumentException
            or NullReferenceException or KeyNotFoundException or IndexOutOfRangeException or FormatException)
        {
            return 0;
        }
    }

    /// <summary>The highest resolution (dots per inch on the page) of an image on the page, or 0.</summary>
    public static int ImageDpi(Page page)
    {
        try
        {
            var dpi = 0.0;
            foreach (var image in page.GetImages())
            {
                var width = Math.Abs(image.BoundingBox.Width);
                if (width >= 1)
                {
                    dpi = Math.Max(dpi, image.WidthInSamples * 72.0 / width);
                }
            }

            return (int)Math.Round(dpi);
        }
        catch (Exception ex) when (ex is PdfDocumentFormatException or InvalidOperationException or ArgumentException
            or NullReferenceException or KeyNotFoundException or IndexOutOfRangeException or FormatException)
        {
            return 0;
        }
    }

    private static bool Unmapped(char c) => c is '\uFFFD' or (>= '\uE000' and <= '\uF8FF') || char.IsControl(c);

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
