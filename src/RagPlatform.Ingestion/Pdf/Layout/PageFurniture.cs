using System.Text;
using System.Text.RegularExpressions;
using UglyToad.PdfPig.Content;

namespace RagPlatform.Ingestion.Pdf.Layout;

/// <summary>
/// Marks what is not body text. Furniture: running headers and footers (the same text, numbers aside, in the top or
/// bottom band of two or more pages), page numbers in those bands, line numbers in the side margins (transcripts,
/// court filings) and rotated margin stamps (arXiv's identifier). Footnotes: small type in the lower part of a page
/// that starts with a note mark, and what continues it. Captions: blocks that start "Figure 3:" or "Table 2.".
/// </summary>
internal static partial class PageFurniture
{
    /// <summary>The top and bottom bands, as a fraction of the page height, where headers, footers and page numbers live.</summary>
    private const double Band = 0.1;

    /// <summary>The side margins, as a fraction of the page width, where line numbers and stamps live.</summary>
    private const double Margin = 0.15;

    /// <summary>The side margins where a transcript's or a pleading's line numbers stand (wider: they sit close to the text).</summary>
    private const double LineNumberMargin = 0.2;

    public static void Classify<T>(List<PdfPageLayout<T>> pages)
    {
        var bodySize = BodySize(pages);
        var repeats = new Dictionary<string, HashSet<int>>(StringComparer.Ordinal);
        foreach (var page in pages)
        {
            foreach (var (info, _) in page.Blocks)
            {
                if (InBand(info, page) is { } band && info.Lines <= 3)
                {
                    var key = band + Signature(info.Text);
                    if (!repeats.TryGetValue(key, out var seen))
                    {
                        repeats[key] = seen = [];
                    }

                    seen.Add(page.Number);
                }
            }
        }

        foreach (var page in pages)
        {
            BlockInfo? previous = null;
            foreach (var (info, _) in page.Blocks)
            {
                info.Role = info.Table is not null ? BlockRole.Table : RoleOf(info, page, bodySize, previous, repeats, pages.Count);
                previous = info;
            }
        }
    }

    /// <summary>Text with digits as '#', lower-cased, spaces collapsed: a running header's signature whatever its page number.</summary>
    public static string Signature(string text)
    {
        var sb = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                space = sb.Length > 0;
                continue;
            }

            if (space)
            {
                sb.Append(' ');
                space = false;
            }

            sb.Append(char.IsDigit(c) ? '#' : char.ToLowerInvariant(c));
        }

        return sb.ToString();
    }

    private static BlockRole RoleOf<T>(BlockInfo info, PdfPageLayout<T> page, double bodySize, BlockInfo? previous,
        Dictionary<string, HashSet<int>> repeats, int pageCount)
    {
        var centerX = (info.Box.Left + info.Box.Right) / 2;
        if (info.Orientation != TextOrientation.Horizontal && (centerX < Margin * page.Width || centerX > (1 - Margin) * page.Width))
        {
            return BlockRole.Furniture; // a rotated stamp in the margin ("arXiv:2206.10883v3 [cs.CL] 22 Jul 2022")
        }

        var inNumberMargin = info.Box.Right < LineNumberMargin * page.Width || info.Box.Left > (1 - LineNumberMargin) * page.Width;
        if (inNumberMargin && LineNumbers().IsMatch(info.Text))
        {
            return BlockRole.Furniture; // line numbers of a transcript or a court filing
        }

        if (InBand(info, page) is { } band && info.Lines <= 3)
        {
            if (PageNumber().IsMatch(info.Text.Trim()))
            {
                return BlockRole.Furniture;
            }

            if (pageCount >= 2 && repeats.TryGetValue(band + Signature(info.Text), out var seen) && seen.Count >= 2)
            {
                return BlockRole.Furniture;
            }
        }

        if (CaptionStart().IsMatch(info.Text))
        {
            return BlockRole.Caption;
        }

        var lower = info.Box.Top < 0.6 * page.Height;
        var small = bodySize > 0 && info.Size < 0.92 * bodySize;
        if (lower && small && (NoteMark().IsMatch(info.Text) || previous?.Role == BlockRole.Footnote))
        {
            return BlockRole.Footnote;
        }

        return BlockRole.Body;
    }

    private static string? InBand<T>(BlockInfo info, PdfPageLayout<T> page) =>
        info.Box.Bottom >= (1 - Band) * page.Height ? "top:" : info.Box.Top <= Band * page.Height ? "bottom:" : null;

    /// <summary>The type size most characters of the document are set in.</summary>
    private static double BodySize<T>(List<PdfPageLayout<T>> pages)
    {
        var weights = new Dictionary<double, int>();
        foreach (var (info, _) in pages.SelectMany(p => p.Blocks))
        {
            var size = Math.Round(info.Size * 2) / 2;
            weights[size] = weights.GetValueOrDefault(size) + info.Chars;
        }

        return weights.Count == 0 ? 0 : weights.MaxBy(w => w.Value).Key;
    }

    [GeneratedRegex(@"^(?:page\s+)?[-–—]?\s*(?:\d{1,5}|[ivxlcdm]{1,7})\s*[-–—]?(?:\s*(?:of|/)\s*\d{1,5})?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PageNumber();

    [GeneratedRegex(@"^(?:\s*\d{1,3}\s*\n)+\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex LineNumbers();

    [GeneratedRegex(@"^(?:Figure|Fig\.|Table|Tab\.|FIGURE|TABLE)\s*[A-Z]?\d{1,3}[.:]", RegexOptions.CultureInvariant)]
    private static partial Regex CaptionStart();

    [GeneratedRegex(@"^\s*(?:\d{1,3}|[*∗†‡§¶])\s*\S", RegexOptions.CultureInvariant)]
    private static partial Regex NoteMark();
}
