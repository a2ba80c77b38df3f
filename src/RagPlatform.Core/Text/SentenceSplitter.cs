using System.Collections.Frozen;

namespace RagPlatform.Core.Text;

/// <summary>
/// The one sentence splitter of the platform (chunker, answerer, summary trees, evaluation): exact, trimmed ranges.
/// A blank line always ends a sentence. A period, "!" or "?" (with closing quotes or brackets) ends one only when
/// whitespace and a sentence start follow (capital, digit, quote, bracket, symbol: never a lowercase word) and the
/// word before the period is no abbreviation ("U.S.C.", "e.g.", "et al.", "No.", "Art.", "Pub. L.") or initial.
/// Decimals ("1.5"), citations ("22 U.S.C. § 1983", "Art. 5(2)", "510 U.S. 569") and enumerations ("1. the purpose",
/// "(a) the")
/// therefore never split. A sentence longer than <see cref="LongSentenceChars"/> (a legal clause) is split again
/// after semicolons.
/// </summary>
public static class SentenceSplitter
{
    /// <summary>Sentences longer than this are split again after a semicolon.</summary>
    public const int LongSentenceChars = 600;

    private const int MinClauseChars = 80;

    private static readonly FrozenSet<string> s_abbreviations = new[]
    {
        "e.g", "i.e", "cf", "etc", "al", "vs", "v", "viz", "ca", "approx", "resp", "ibid", "id", "op", "cit",
        "u.s", "u.s.c", "c.f.r", "u.k", "e.u", "n.a", "fed", "reg", "regs", "stat", "supp", "cir", "ct", "app", "pub", "l",
        "art", "arts", "sec", "secs", "sect", "ss", "subsec", "no", "nos", "para", "paras", "cl", "ch", "chap", "pt", "pp",
        "p", "vol", "ed", "eds", "fig", "figs", "eq", "eqs", "tab", "ref", "refs", "def", "prop", "thm", "lem",
        "mr", "mrs", "ms", "dr", "prof", "jr", "sr", "st", "inc", "ltd", "co", "corp", "llc", "dept", "gov", "univ",
        "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> s_abbreviationLookup =
        s_abbreviations.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The sentences of the whole text, as ranges into it.</summary>
    public static List<TextRange> Split(string text) => Split(text, 0, text.Length);

    /// <summary>The sentences of <c>text[start..end]</c>, as ranges into <paramref name="text"/> (absolute offsets).</summary>
    public static List<TextRange> Split(string text, int start, int end)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(end, text.Length);
        var raw = new List<TextRange>();
        var from = start;
        for (var i = start; i < end; i++)
        {
            var c = text[i];
            if (c == '\n' && IsBlankLineBreak(text, i, end, out var next))
            {
                Add(raw, text, from, i);
                from = next;
                i = next - 1;
                continue;
            }

            if (c is '.' or '!' or '?' && EndsSentence(text, i, end, out var after))
            {
                Add(raw, text, from, after);
                from = after;
                i = after - 1;
            }
        }

        Add(raw, text, from, end);
        var result = new List<TextRange>(raw.Count);
        foreach (var range in raw)
        {
            if (range.Length <= LongSentenceChars)
            {
                result.Add(range);
                continue;
            }

            var clause = range.Start;
            for (var i = range.Start; i < range.End - 1; i++)
            {
                if (text[i] == ';' && char.IsWhiteSpace(text[i + 1]) && i + 1 - clause >= MinClauseChars)
                {
                    Add(result, text, clause, i + 1);
                    clause = i + 1;
                }
            }

            Add(result, text, clause, range.End);
        }

        return result;
    }

    private static bool IsBlankLineBreak(string text, int i, int end, out int next)
    {
        next = i + 1;
        var newlines = 1;
        while (next < end && char.IsWhiteSpace(text[next]))
        {
            if (text[next] == '\n')
            {
                newlines++;
            }

            next++;
        }

        return newlines >= 2;
    }

    private static bool EndsSentence(string text, int i, int end, out int after)
    {
        after = i + 1;
        // Runs like "?!" or "..." and closing quotes/brackets belong to the sentence.
        while (after < end && text[after] is '.' or '!' or '?' or '"' or '\'' or ')' or ']' or '\u201d' or '\u2019')
        {
            after++;
        }

        if (after >= end)
        {
            return true;
        }

        if (!char.IsWhiteSpace(text[after]))
        {
            return false; // "3.5", "U.S.C.", "example.com"
        }

        var k = after;
        while (k < end && char.IsWhiteSpace(text[k]))
        {
            k++;
        }

        if (k >= end)
        {
            return true;
        }

        if (char.IsLower(text[k]))
        {
            return false; // "1. the purpose", "et al. in 2020"
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
            return false; // an initial: "J. Smith", "Pub. L. 94-553"
        }

        // "No. 5", "Art. 5(2)", "U.S.C. Section 107", "et al. Smith": an abbreviation before a capital or a number is
        // far more often mid-sentence than a sentence end.
        return !s_abbreviationLookup.Contains(word);
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
