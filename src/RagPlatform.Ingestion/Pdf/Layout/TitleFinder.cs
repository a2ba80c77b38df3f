using System.Globalization;
using System.Text.RegularExpressions;
using RagPlatform.Ingestion.Normalization;

namespace RagPlatform.Ingestion.Pdf.Layout;

/// <summary>
/// A PDF's title from its first page's layout: the largest type in the upper part of the page that is body text (not
/// furniture, not a running header of other pages, not a date, an identifier or a venue line), with the block below
/// it when that continues the title in the same type; else a court caption ("KNOWLES, Petitioner v. MIRZAYANCE"
/// gives "Knowles v. Mirzayance"); else the metadata title when it is plausible.
/// </summary>
internal static partial class TitleFinder
{
    public static string? Find<T>(List<PdfPageLayout<T>> pages, string? metadataTitle)
    {
        if (pages.Count == 0)
        {
            return Plausible(metadataTitle);
        }

        var first = pages[0];
        var running = pages.Skip(1).SelectMany(p => p.Blocks).Where(b => b.Info.Role == BlockRole.Furniture)
            .Select(b => PageFurniture.Signature(b.Info.Text)).ToList();
        var body = first.Blocks.Select(b => b.Info).Where(b => b.Role == BlockRole.Body).ToList();
        return FromLayout(first, body, running) ?? Caption(body) ?? Plausible(metadataTitle) ?? BoldTitle(first, body, running);
    }

    /// <summary>
    /// When no type stands out: the longest bold, mixed-case block of three words or more in the upper part of page 1
    /// (a Federal Register rule's subject line, set bold in body type among the agency lines).
    /// </summary>
    private static string? BoldTitle<T>(PdfPageLayout<T> page, List<BlockInfo> blocks, List<string> running)
    {
        return blocks
            .Where(b => b.Bold && b.Lines <= 4 && b.Box.Top >= 0.3 * page.Height && Usable(b, running))
            .Select(b => Line(b.Text))
            .Where(t => t.Split(' ').Length >= 3 && t.Any(char.IsLower) && !t.StartsWith('[') && !t.EndsWith(':')
                && t.Count(char.IsDigit) * 3 < t.Count(char.IsLetter))
            .MaxBy(t => t.Length);
    }

    private static string? FromLayout<T>(PdfPageLayout<T> page, List<BlockInfo> blocks, List<string> running)
    {
        var sizes = blocks.SelectMany(b => Enumerable.Repeat(b.Size, Math.Max(1, b.Chars))).Order().ToList();
        if (sizes.Count == 0)
        {
            return null;
        }

        var median = sizes[sizes.Count / 2];
        var candidates = blocks
            .Select((b, i) => (Block: b, Index: i))
            .Where(c => c.Block.Box.Top >= 0.45 * page.Height && c.Block.Lines <= 4 && Usable(c.Block, running))
            .ToList();
        if (candidates.Count == 0)
        {
            return null;
        }

        var best = candidates.MaxBy(c => c.Block.Size);
        if (best.Block.Size < median * 1.15)
        {
            return null;
        }

        var text = Line(best.Block.Text);
        // A title set in two blocks: the next block in the same type, just below.
        if (best.Index + 1 < blocks.Count && blocks[best.Index + 1] is var next && Math.Abs(next.Size - best.Block.Size) < 0.05 * best.Block.Size
            && next.Box.Top <= best.Block.Box.Bottom + 0.5 * best.Block.Size && next.Box.Top >= best.Block.Box.Bottom - 2.5 * best.Block.Size
            && next.Lines <= 3 && text.Length + next.Text.Length < 300)
        {
            text = $"{text} {Line(next.Text)}";
        }

        return text;
    }

    private static bool Usable(BlockInfo block, List<string> running)
    {
        var text = Line(block.Text);
        if (text.Length is < 4 or > 300 || text.Count(char.IsLetter) < 4)
        {
            return false;
        }

        var signature = PageFurniture.Signature(text);
        return !running.Any(r => r.Contains(signature, StringComparison.Ordinal))
            && !NotATitle().IsMatch(text) && !DateLike().IsMatch(text);
    }

    /// <summary>"MICHAEL A. KNOWLES, WARDEN, Petitioner : v. : ALEXANDRE MIRZAYANCE." gives "Knowles v. Mirzayance".</summary>
    private static string? Caption(List<BlockInfo> blocks)
    {
        var lines = blocks.SelectMany(b => b.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Select(l => l.Trim(':', ' ').Trim()).Where(l => l.Length > 0).Take(80).ToList();
        for (var i = 1; i + 1 < lines.Count; i++)
        {
            if (lines[i] is not ("v." or "V." or "vs." or "v"))
            {
                continue;
            }

            // The first party is the first name line of the group above "v." (a name, then "WARDEN,", "Petitioner").
            string? before = null;
            for (var j = i - 1; j >= 0 && !Stop().IsMatch(lines[j]); j--)
            {
                if (Party().IsMatch(lines[j]) && !Role().IsMatch(lines[j]))
                {
                    before = lines[j];
                }
            }

            var after = lines.Skip(i + 1).FirstOrDefault(l => Party().IsMatch(l) && !Role().IsMatch(l));
            if (Surname(before) is { } a && Surname(after) is { } b)
            {
                return $"{a} v. {b}";
            }
        }

        return null;
    }

    private static string? Surname(string? party)
    {
        if (party is null)
        {
            return null;
        }

        var name = party.Split(',')[0].Trim().TrimEnd('.');
        var last = name.Split(' ', StringSplitOptions.RemoveEmptyEntries).LastOrDefault();
        return last is null || last.Length < 2 ? null : CultureInfo.InvariantCulture.TextInfo.ToTitleCase(last.ToLowerInvariant());
    }

    private static string? Plausible(string? title)
    {
        if (string.IsNullOrWhiteSpace(title))
        {
            return null;
        }

        var t = Line(title);
        var lower = t.ToLowerInvariant();
        // Producers often leave a file name ("10811.exe"), a date ("22 Jul 2022") or a generic word in the title field.
        var looksLikeFile = FileLike().IsMatch(lower) || lower.StartsWith("microsoft word", StringComparison.Ordinal)
            || lower is "untitled" or "title" or "document" or "proposed rules" or "rules and regulations" or "notices";
        return looksLikeFile || DateLike().IsMatch(lower) || t.Length is < 4 or > 300 || t.Count(char.IsLetter) < 3 ? null : t;
    }

    private static string Line(string text) => TextAssembler.NormalizeLine(text);

    [GeneratedRegex(@"^\S+\.[a-z0-9]{2,4}$", RegexOptions.CultureInvariant)]
    private static partial Regex FileLike();

    [GeneratedRegex(@"^\d{1,2}\s+[a-z]{3,9}\.?\s+\d{4}$|^\d{4}-\d{2}-\d{2}|^[a-z]+\s+\d{1,2},\s+\d{4}$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex DateLike();

    /// <summary>Lines that are set large but are not titles: identifiers, venues, copyright, journal banners.</summary>
    [GeneratedRegex(@"^(?:arxiv:|doi:|https?://|proceedings of|©|copyright|vol\.|volume \d|issn|isbn)", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex NotATitle();

    [GeneratedRegex(@"^-[ -]*x?$|COURT|^[a-z]", RegexOptions.CultureInvariant)]
    private static partial Regex Stop();

    [GeneratedRegex(@"^[A-Z][A-Z .,'’\-]{2,}$", RegexOptions.CultureInvariant)]
    private static partial Regex Party();

    [GeneratedRegex(@"^(?:petitioners?|respondents?|appellants?|appellees?|plaintiffs?|defendants?|et al\.?)[.,]?$|^no\. ", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Role();
}
