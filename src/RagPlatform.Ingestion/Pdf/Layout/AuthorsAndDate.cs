using System.Globalization;
using System.Text.RegularExpressions;
using RagPlatform.Ingestion.Normalization;

namespace RagPlatform.Ingestion.Pdf.Layout;

/// <summary>
/// A PDF's authors and date from its first page. Authors: the name lines between the title and the abstract (or
/// the first paragraph), without note marks, e-mail addresses and affiliations; else the metadata Author field when
/// it lists names. Date: the first full date the first page states ("Thursday, August 6, 2020", "22 July 2022");
/// else the file's creation date.
/// </summary>
internal static partial class AuthorsAndDate
{
    private const int MaxAuthors = 40;

    public static IReadOnlyList<string> Authors<T>(List<PdfPageLayout<T>> pages, string? title, string? metadataAuthor)
    {
        var fromLayout = pages.Count == 0 || title is null ? [] : FromLayout(pages[0], title);
        if (fromLayout.Count > 0)
        {
            return fromLayout;
        }

        return string.IsNullOrWhiteSpace(metadataAuthor)
            ? []
            : Names(metadataAuthor.Replace(';', ',')).Take(MaxAuthors).ToList();
    }

    public static string? Date<T>(List<PdfPageLayout<T>> pages, string? creationDate)
    {
        foreach (var (info, _) in pages.Count == 0 ? [] : pages[0].Blocks.Where(b => b.Info.Role == BlockRole.Body))
        {
            foreach (Match m in FullDate().Matches(TextAssembler.NormalizeLine(info.Text)))
            {
                if (DateTime.TryParse(m.Value.Replace(",", string.Empty, StringComparison.Ordinal), CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                {
                    return date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                }
            }
        }

        // PDF dates: "D:20200502083329Z".
        var digits = creationDate?.TrimStart('D', ':');
        return digits is { Length: >= 8 } && DateTime.TryParseExact(digits[..8], "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var created)
            ? created.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : null;
    }

    private static List<string> FromLayout<T>(PdfPageLayout<T> page, string title)
    {
        var blocks = page.Blocks.Select(b => b.Info).Where(b => b.Role == BlockRole.Body).ToList();
        var head = title.Length > 24 ? title[..24] : title;
        var start = blocks.FindIndex(b => TextAssembler.NormalizeLine(b.Text).StartsWith(head, StringComparison.Ordinal));
        if (start < 0)
        {
            return [];
        }

        var names = new List<string>();
        foreach (var block in blocks.Skip(start + 1))
        {
            var text = TextAssembler.NormalizeLine(block.Text);
            if (EndOfFront().IsMatch(text) || text.Length > 400 || block.Box.Top < 0.4 * page.Height)
            {
                break;
            }

            foreach (var line in block.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                names.AddRange(Names(line).Where(n => !names.Contains(n)));
            }
        }

        return names.Take(MaxAuthors).ToList();
    }

    /// <summary>The personal names of one line: split at commas and "and", marks and addresses dropped.</summary>
    private static IEnumerable<string> Names(string line)
    {
        if (Affiliation().IsMatch(line) || line.Contains('@', StringComparison.Ordinal))
        {
            yield break;
        }

        foreach (var part in Separator().Split(Marks().Replace(line, " ")))
        {
            var name = Spaces().Replace(part, " ").Trim(' ', ',', '.', ';');
            if (Name().IsMatch(name))
            {
                yield return name;
            }
        }
    }

    [GeneratedRegex(@"^(?:abstract|introduction|summary|agency:|\d\.?\s+introduction)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex EndOfFront();

    [GeneratedRegex(@"\b(?:universit|institut|school|college|department|dept\.|laborator|\blab\b|centre|center|inc\.|ltd|gmbh|corporation|research|foundation|hospital|academy|faculty)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Affiliation();

    [GeneratedRegex(@"[0-9*∗†‡§¶♠♣♥♦⋆]+", RegexOptions.CultureInvariant)]
    private static partial Regex Marks();

    [GeneratedRegex(@",|;|\band\b|&", RegexOptions.CultureInvariant)]
    private static partial Regex Separator();

    [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant)]
    private static partial Regex Spaces();

    /// <summary>Two to four capitalised words or initials: "Kyle Lo", "Daniel S. Weld", "Lucy Lu Wang".</summary>
    [GeneratedRegex(@"^\p{Lu}[\p{L}'’\-]*\.?(?:\s+(?:\p{Lu}[\p{L}'’\-]*\.?|de|van|von|der|da|di|le|la)){1,3}$", RegexOptions.CultureInvariant)]
    private static partial Regex Name();

    [GeneratedRegex(@"\b(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+\d{1,2},\s+\d{4}\b|\b\d{1,2}\s+(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+\d{4}\b", RegexOptions.CultureInvariant)]
    private static partial Regex FullDate();
}
