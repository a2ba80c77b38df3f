using System.Collections.Frozen;

namespace RagPlatform.Core.Answering;

/// <summary>
/// Splits text into sentences with exact ranges (trimmed of surrounding whitespace). A period ends a sentence only
/// when whitespace and a capital, digit, quote or bracket follow and the word before it is no abbreviation
/// ("U.S.C.", "e.g.", "et al.", "No.", "Fig.", "Sec.", initials); decimals never split. Blank lines always split;
/// very long sentences (legal clauses) are split again at semicolons.
/// </summary>
internal static class SentenceSplitter
{
    private const int LongSentenceChars = 600;

    private static readonly FrozenSet<string> s_abbreviations = new[]
    {
        "e.g", "i.e", "al", "no", "nos", "fig", "figs", "sec", "secs", "art", "arts", "para", "paras", "eq", "eqs", "ch",
        "mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "inc", "corp", "co", "ltd", "llc", "vs", "v", "cf", "approx",
        "dept", "univ", "vol", "pp", "p", "cl", "subsec", "ref", "refs", "tab", "u.s", "u.s.c", "u.k", "e.u", "n.a",
        "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "ibid", "op", "cit", "id",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    public static List<TextRange> Split(string text)
    {
        var raw = new List<TextRange>();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\n' && IsBlankLineBreak(text, i, out var next))
            {
                Add(raw, text, start, i);
                start = next;
                i = next - 1;
                continue;
            }

            if (c is '.' or '!' or '?' && EndsSentence(text, i, out var end))
            {
                Add(raw, text, start, end);
                start = end;
                i = end - 1;
            }
        }

        Add(raw, text, start, text.Length);
        var result = new List<TextRange>(raw.Count);
        foreach (var range in raw)
        {
            if (range.Length <= LongSentenceChars)
            {
                result.Add(range);
                continue;
            }

            var from = range.Start;
            for (var i = range.Start; i < range.End - 1; i++)
            {
                if (text[i] == ';' && char.IsWhiteSpace(text[i + 1]) && i + 1 - from >= 80)
                {
                    Add(result, text, from, i + 1);
                    from = i + 1;
                }
            }

            Add(result, text, from, range.End);
        }

        return result;
    }

    private static bool IsBlankLineBreak(string text, int i, out int next)
    {
        next = i + 1;
        var newlines = 1;
        while (next < text.Length && char.IsWhiteSpace(text[next]))
        {
            if (text[next] == '\n')
            {
                newlines++;
            }

            next++;
        }

        return newlines >= 2;
    }

    private static bool EndsSentence(string text, int i, out int end)
    {
        end = i + 1;
        // Runs like "?!" or "..." and closing quotes/brackets belong to the sentence.
        while (end < text.Length && (text[end] is '.' or '!' or '?' or '"' or '\'' or ')' or ']' or '\u201d' or '\u2019'))
        {
            end++;
        }

        if (end >= text.Length)
        {
            return true;
        }

        if (!char.IsWhiteSpace(text[end]))
        {
            return false; // "3.5", "U.S.C.", "example.com"
        }

        var k = end;
        while (k < text.Length && char.IsWhiteSpace(text[k]))
        {
            k++;
        }

        if (k >= text.Length)
        {
            return true;
        }

        var following = text[k];
        if (!(char.IsUpper(following) || char.IsDigit(following) || following is '"' or '\'' or '(' or '[' or '\u201c' or '\u2018'))
        {
            return false;
        }

        if (text[i] != '.')
        {
            return true;
        }

        var word = WordBefore(text, i);
        if (word.Length == 0)
        {
            return true;
        }

        if (word.Length == 1 && char.IsLetter(word[0]))
        {
            return false; // an initial: "J. Smith"
        }

        if (s_abbreviations.Contains(word.ToString()))
        {
            // "No. 5" and "Fig. 2" never end a sentence; other abbreviations end one only before a capitalized
            // word that is not a number either, which we cannot tell apart from a name: keep them together.
            return false;
        }

        return true;
    }

    private static ReadOnlySpan<char> WordBefore(string text, int period)
    {
        var s = period;
        while (s > 0 && (char.IsLetterOrDigit(text[s - 1]) || text[s - 1] == '.'))
        {
            s--;
        }

        return text.AsSpan(s, period - s);
    }

    private static void Add(List<TextRange> ranges, string text, int start, int end)
    {
        while (start < end && char.IsWhiteSpace(text[start]))
        {
            start++;
        }

        while (end > start && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }

        if (end > start)
        {
            ranges.Add(new TextRange(start, end));
        }
    }
}
