using System.Text.RegularExpressions;
using RagPlatform.Ingestion.Text;

namespace RagPlatform.Ingestion.Structure;

/// <summary>
/// Finds headings among paragraphs: scientific ones ("Abstract", "1 Introduction", "2.1 Data", "Appendix A") and legal
/// numbering ("Article 5", "ARTICLE V", "Section 2.3(b)", "§ 12", numbered clauses "1.1 ...", "(a) ..."). A paragraph is
/// a heading candidate only by its start; numbered headings must be short or numbered with a dot ("2.1"), so years,
/// table rows and reference entries are not mistaken for headings.
/// </summary>
internal static partial class SectionDetector
{
    private const int MaxHeadingChars = 120;

    public static IReadOnlyList<HeadingMark> Detect(string text, IReadOnlyList<(int Start, int End)> paragraphs)
    {
        var marks = new List<HeadingMark>();
        var articleSeen = false;
        var lastNumberedLevel = 0;
        foreach (var (start, end) in paragraphs)
        {
            var paragraph = text.AsSpan(start, end - start);
            var head = paragraph.Length > 200 ? paragraph[..200].ToString() : paragraph.ToString();
            var shortParagraph = paragraph.Length <= MaxHeadingChars;
            var mark = Match(head, start, shortParagraph, articleSeen, lastNumberedLevel);
            if (mark is null)
            {
                continue;
            }

            articleSeen |= mark.Number is not null && ArticleStart().IsMatch(head);
            if (mark.Number is not null && !mark.Number.StartsWith('('))
            {
                lastNumberedLevel = mark.Level;
            }

            marks.Add(mark);
        }

        return marks;
    }

    /// <summary>Whether a single short line reads as a heading (used to split headings from the text glued below them).</summary>
    public static bool IsHeadingLine(string line)
    {
        var trimmed = line.Trim();
        if (trimmed.Length is 0 or > 80 || trimmed.EndsWith(',') || trimmed.EndsWith(';'))
        {
            return false;
        }

        if (ScientificHeading().IsMatch(trimmed))
        {
            return true;
        }

        var words = trimmed.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        return words <= 8 && !trimmed.EndsWith('.') && Match(trimmed, 0, shortParagraph: true, articleSeen: false, lastNumberedLevel: 0) is not null;
    }

    private static HeadingMark? Match(string head, int start, bool shortParagraph, bool articleSeen, int lastNumberedLevel)
    {
        var offset = articleSeen ? 1 : 0;
        if (shortParagraph && ScientificHeading().Match(head) is { Success: true } science)
        {
            return new HeadingMark(start, 1, null, head.Trim().TrimEnd('.', ':'));
        }

        if (ArticleStart().Match(head) is { Success: true } article && (shortParagraph || article.Groups["title"].Length < 80))
        {
            return new HeadingMark(start, 1, article.Groups["num"].Value, Title(head, article.Groups["title"].Value));
        }

        if (SectionWord().Match(head) is { Success: true } section)
        {
            var number = section.Groups["num"].Value;
            return new HeadingMark(start, Depth(number) + offset, number, Title(head, section.Groups["title"].Value));
        }

        if (SectionSign().Match(head) is { Success: true } sign)
        {
            return new HeadingMark(start, 1 + offset, "§ " + sign.Groups["num"].Value, Title(head, sign.Groups["title"].Value));
        }

        if (Numbered().Match(head) is { Success: true } numbered)
        {
            var number = numbered.Groups["num"].Value;
            var depth = Depth(number);
            var plausible = int.TryParse(number.Split('.')[0], out var first) && first is > 0 and <= 60;
            // "1 Introduction" must be a short paragraph; "2.1 This Agreement ..." may carry its clause text.
            if (plausible && (shortParagraph || (depth > 1 && numbered.Groups["title"].Length > 0)))
            {
                return new HeadingMark(start, depth + offset, number, Title(head, numbered.Groups["title"].Value));
            }
        }

        if (lastNumberedLevel > 0 && Lettered().Match(head) is { Success: true } lettered)
        {
            return new HeadingMark(start, Math.Min(9, lastNumberedLevel + 1), "(" + lettered.Groups["num"].Value + ")", Title(head, lettered.Groups["title"].Value));
        }

        return null;
    }

    private static int Depth(string number) => Math.Min(8, number.Count(c => c == '.') + number.Count(c => c == '(') + 1);

    /// <summary>The heading's own words, cut at the end of its first sentence for clause paragraphs.</summary>
    private static string Title(string head, string title)
    {
        var value = title.Trim();
        if (value.Length == 0)
        {
            return head.Trim().TrimEnd('.', ':');
        }

        var stop = value.IndexOfAny(['.', ':', ';']);
        if (stop > 0 && stop < value.Length - 1)
        {
            value = value[..stop];
        }

        return value.Length > 100 ? value[..100].TrimEnd() + "…" : value.TrimEnd('.', ':');
    }

    [GeneratedRegex(@"^(?:[IVX]+\.?\s+|\d{1,2}\.?\s+|[A-H]\.?\s+)?(?:Abstract|Introduction|Related Work|Background|Preliminaries|Methods?|Methodology|Materials and Methods|Experiments?|Experimental Setup|Evaluation|Results|Results and Discussion|Discussion|Analysis|Limitations|Ethics Statement|Conclusions?|Conclusion and Future Work|Future Work|Acknowledge?ments?|References|Bibliography|Appendix(?:\s+[A-Z])?|Appendices|Recitals|Definitions|Whereas|Witnesseth|Summary|Background and Purpose|Supplementary Information)\s*[.:]?\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ScientificHeading();

    [GeneratedRegex(@"^(?:ARTICLE|Article|PART|Part|CHAPTER|Chapter|TITLE|Title)\s+(?<num>[IVXLC]+|\d{1,3}[A-Z]?)\b[.:\-–—]?\s*(?<title>.*)$", RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex ArticleStart();

    [GeneratedRegex(@"^(?:SECTION|Section|Sec\.|SEC\.)\s+(?<num>\d{1,3}[A-Za-z]?(?:\.\d{1,3})*(?:\([A-Za-z0-9]{1,4}\))*)[.:\-–—]?\s*(?<title>.*)$", RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex SectionWord();

    [GeneratedRegex(@"^§+\s*(?<num>\d{1,5}[A-Za-z]?(?:[.\-]\d{1,4})*(?:\([A-Za-z0-9]{1,4}\))*)\.?\s*(?<title>.*)$", RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex SectionSign();

    [GeneratedRegex(@"^(?<num>\d{1,2}(?:\.\d{1,2}){0,4})\.?\s+(?<title>[A-Z\p{Lu}][^\n]*)$", RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex Numbered();

    [GeneratedRegex(@"^\((?<num>[a-z]|[ivx]{1,4}|\d{1,2})\)\s+(?<title>\S.*)$", RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex Lettered();
}
