using System.Text.RegularExpressions;

namespace RagPlatform.Ingestion.Structure;

/// <summary>
/// Recognizes one line as a scientific or legal heading and ranks it. Ranks: 0 part/chapter/title, 1 article,
/// 2 section/§, 3 numbered "1"/named ("Abstract")/appendix "A.", 4+ deeper dotted numbers, 7 "(a)", 8 "(1)", 9 "(i)".
/// </summary>
internal static partial class HeadingPatterns
{
    private const int MaxHeadingLength = 160;

    [GeneratedRegex(@"^(?<kw>PART|Part|CHAPTER|Chapter|TITLE|Title|SUBPART|Subpart)\s+(?<num>[IVXLC]+|\d{1,3}[A-Z]?)\b[.:\u2014\u2013-]?\s*(?<title>.*)$", RegexOptions.CultureInvariant)]
    private static partial Regex PartRegex();

    [GeneratedRegex(@"^(?<kw>ARTICLE|Article|ART\.|Art\.)\s+(?<num>[IVXLC]+|\d{1,3}[A-Za-z]?)\b\.?[:\u2014\u2013-]?\s*(?<title>.*)$", RegexOptions.CultureInvariant)]
    private static partial Regex ArticleRegex();

    [GeneratedRegex(@"^(?<kw>SECTION|Section|SEC\.|Sec\.)\s+(?<num>\d{1,4}[A-Za-z]?(?:[.\-]\d{1,4})*(?:\([A-Za-z0-9]{1,4}\))*)\.?[:\u2014\u2013-]?\s*(?<title>.*)$", RegexOptions.CultureInvariant)]
    private static partial Regex SectionRegex();

    [GeneratedRegex(@"^(?<kw>§§?)\s*(?<num>\d{1,5}[A-Za-z]?(?:[.\-]\d{1,5})*(?:\([A-Za-z0-9]{1,4}\))*)\.?[:\u2014\u2013-]?\s*(?<title>.*)$", RegexOptions.CultureInvariant)]
    private static partial Regex ParagraphSignRegex();

    [GeneratedRegex(@"^(?<num>\d{1,2}(?:\.\d{1,2}){0,4})(?<dot>\.?)\s+(?<title>\p{Lu}.*)$", RegexOptions.CultureInvariant)]
    private static partial Regex NumberedRegex();

    [GeneratedRegex(@"^(?<num>[A-H](?:\.\d{1,2}){0,3})(?<dot>\.?)\s+(?<title>\p{Lu}.*)$", RegexOptions.CultureInvariant)]
    private static partial Regex AppendixRegex();

    [GeneratedRegex(@"^\((?<num>[a-z]{1,2}|\d{1,3}|[ivx]{1,5}|[A-Z])\)\s+(?<title>\S.*)$", RegexOptions.CultureInvariant)]
    private static partial Regex ClauseRegex();

    [GeneratedRegex(@"^(?:(?<num>\d{1,2}|[IVX]{1,4})\.?\s+)?(?<title>Abstract|ABSTRACT|Introduction|INTRODUCTION|References|REFERENCES|Bibliography|BIBLIOGRAPHY|Acknowledge?ments?|ACKNOWLEDGE?MENTS?|Conclusions?|CONCLUSIONS?|Related Work|RELATED WORK|Discussion|DISCUSSION|Appendix|APPENDIX|Background|BACKGROUND|Methods?|METHODS?|Results|RESULTS|Limitations|LIMITATIONS|Preamble|PREAMBLE|Definitions|DEFINITIONS|Summary|SUMMARY)\s*:?$", RegexOptions.CultureInvariant)]
    private static partial Regex NamedRegex();

    /// <summary>Recognizes <paramref name="line"/> (already trimmed) as a heading, or returns null.</summary>
    public static HeadingCandidate? Match(string line, int start)
    {
        if (line.Length == 0 || (line.Length > MaxHeadingLength && !IsClauseStart(line)))
        {
            return null;
        }

        var end = start + line.Length;
        if (NamedRegex().Match(line) is { Success: true } named)
        {
            var number = named.Groups["num"].Success ? named.Groups["num"].Value : null;
            return new HeadingCandidate(start, end, number, named.Groups["title"].Value, line, 3);
        }

        var first = line[0];
        if (first == '§')
        {
            return Keyword(ParagraphSignRegex().Match(line), start, end, 2, line);
        }

        if (first == '(')
        {
            var m = ClauseRegex().Match(line);
            if (!m.Success)
            {
                return null;
            }

            var num = m.Groups["num"].Value;
            var rank = char.IsDigit(num[0]) ? 8 : (num.Length > 1 && IsRoman(num)) ? 9 : 7;
            return new HeadingCandidate(start, end, $"({num})", ShortTitle(m.Groups["title"].Value), line, rank);
        }

        if (char.IsDigit(first))
        {
            return Numbered(NumberedRegex().Match(line), start, end, line);
        }

        return Keyword(PartRegex().Match(line), start, end, 0, line)
            ?? Keyword(ArticleRegex().Match(line), start, end, 1, line)
            ?? Keyword(SectionRegex().Match(line), start, end, 2, line)
            ?? Appendix(AppendixRegex().Match(line), start, end, line);
    }

    private static HeadingCandidate? Keyword(Match m, int start, int end, int rank, string line)
    {
        if (!m.Success)
        {
            return null;
        }

        var title = m.Groups["title"].Value.Trim();
        var keyword = m.Groups["kw"].Value;
        if (title.Length > 0 && char.IsLower(title[0]) && !keyword.StartsWith('§'))
        {
            return null; // "Section 4 of the Act provides ..." is prose, not a heading
        }

        var label = title.Length == 0 ? line : ShortTitle(title);
        return new HeadingCandidate(start, end, m.Groups["num"].Value, label, line, rank);
    }

    private static HeadingCandidate? Numbered(Match m, int start, int end, string line)
    {
        if (!m.Success)
        {
            return null;
        }

        var num = m.Groups["num"].Value;
        var title = m.Groups["title"].Value.Trim();
        var depth = num.Count(c => c == '.');
        if (int.Parse(num.AsSpan(0, num.IndexOf('.') is var dot and >= 0 ? dot : num.Length), System.Globalization.CultureInfo.InvariantCulture) is 0 or > 40)
        {
            return null;
        }

        if (!LooksLikeText(title))
        {
            return null; // table rows, figures, dates
        }

        // A single number needs a title-like heading ("1 Introduction"); dotted clauses ("1.1 The Supplier shall ...") may run on.
        if (depth == 0 && !IsTitleLike(title))
        {
            return null;
        }

        return new HeadingCandidate(start, end, num, ShortTitle(title), line, 3 + depth);
    }

    private static HeadingCandidate? Appendix(Match m, int start, int end, string line)
    {
        if (!m.Success)
        {
            return null;
        }

        var title = m.Groups["title"].Value.Trim();
        var num = m.Groups["num"].Value;
        if (!IsTitleLike(title) || (num.Length == 1 && m.Groups["dot"].Length == 0 && title.Split(' ').Length > 6))
        {
            return null;
        }

        return new HeadingCandidate(start, end, num, title, line, 3 + num.Count(c => c == '.'));
    }

    private static bool IsTitleLike(string title)
    {
        if (title.Length is < 2 or > 100 || title.EndsWith('.') || title.EndsWith(',') || title.EndsWith(';'))
        {
            return false;
        }

        var words = title.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return words.Length <= 12 && LooksLikeText(title);
    }

    private static bool LooksLikeText(string title)
    {
        int letters = 0, digits = 0;
        foreach (var c in title)
        {
            if (char.IsLetter(c))
            {
                letters++;
            }
            else if (char.IsDigit(c))
            {
                digits++;
            }
        }

        return letters >= 2 && digits * 3 <= letters;
    }

    /// <summary>"1.1 ..." and "(a) ..." number clauses whose first line may be a long sentence.</summary>
    private static bool IsClauseStart(string line) =>
        line[0] == '(' || (char.IsDigit(line[0]) && line.AsSpan(0, Math.Min(line.Length, 8)).IndexOf('.') is > 0 and var dot
            && dot + 1 < line.Length && char.IsDigit(line[dot + 1]));

    private static bool IsRoman(string s) => s.All(c => c is 'i' or 'v' or 'x');

    private static string ShortTitle(string title)
    {
        if (title.Length <= 80)
        {
            return title;
        }

        var cut = title.LastIndexOf(' ', 80);
        return string.Concat(title.AsSpan(0, cut > 20 ? cut : 80), "…");
    }
}
