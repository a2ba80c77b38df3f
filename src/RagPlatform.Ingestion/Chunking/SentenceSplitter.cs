using RagPlatform.Core.Documents;

namespace RagPlatform.Ingestion.Chunking;

/// <summary>
/// Splits normalized text into sentence spans (trimmed, never empty). A sentence ends at '.', '?' or '!' (with closing
/// quotes or brackets) followed by whitespace and a plausible sentence start, or at a paragraph break. Abbreviations
/// common in legal and scientific writing ("U.S.C.", "e.g.", "et al.", "No.", "Fig.", "Sec.", initials) and decimals
/// do not end sentences.
/// </summary>
public static class SentenceSplitter
{
    private static readonly HashSet<string> s_abbreviations = new(StringComparer.OrdinalIgnoreCase)
    {
        "e.g", "i.e", "etc", "et al", "al", "cf", "vs", "v", "viz", "approx", "ca", "resp", "incl",
        "no", "nos", "fig", "figs", "eq", "eqs", "sec", "secs", "ch", "chap", "art", "arts", "para", "paras", "pp", "p", "vol", "ed", "eds",
        "mr", "mrs", "ms", "dr", "prof", "hon", "jr", "sr", "st", "co", "corp", "inc", "ltd", "llc", "dept", "gov", "govt",
        "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
        "u.s", "u.s.c", "u.k", "e.u", "n.y", "d.c", "cal", "cir", "supp", "app", "stat", "reg", "fed", "id", "ibid", "op", "cit",
        "tab", "table", "ref", "refs", "min", "max", "avg", "est", "dist", "ct", "crim", "civ", "pub", "l",
    };

    /// <summary>Sentence spans of <paramref name="text"/> within [start, end).</summary>
    public static List<CharSpan> Split(string text, int start, int end)
    {
        var spans = new List<CharSpan>();
        var sentenceStart = start;
        for (var i = start; i < end; i++)
        {
            var c = text[i];
            if (c == '\n' && i + 1 < end && text[i + 1] == '\n')
            {
                Add(text, spans, sentenceStart, i);
                sentenceStart = i + 2;
                i++;
                continue;
            }

            if (c is not ('.' or '?' or '!'))
            {
                continue;
            }

            var close = i + 1;
            while (close < end && text[close] is '"' or '\'' or ')' or ']' or '”' or '’')
            {
                close++;
            }

            if (close >= end || !char.IsWhiteSpace(text[close]))
            {
                continue;
            }

            var next = close;
            while (next < end && char.IsWhiteSpace(text[next]))
            {
                next++;
            }

            if (next < end && !StartsSentence(text[next]))
            {
                continue;
            }

            if (c == '.' && IsAbbreviation(text, start, i))
            {
                continue;
            }

            Add(text, spans, sentenceStart, close);
            sentenceStart = close;
        }

        Add(text, spans, sentenceStart, end);
        return spans;
    }

    private static bool StartsSentence(char c) => char.IsUpper(c) || char.IsDigit(c) || c is '"' or '(' or '[' or '“' or '‘' or '§' or '•' || !char.IsLetter(c);

    private static bool IsAbbreviation(string text, int floor, int dot)
    {
        var wordStart = dot;
        while (wordStart > floor && !char.IsWhiteSpace(text[wordStart - 1]) && text[wordStart - 1] is not ('(' or '[' or '"' or '“'))
        {
            wordStart--;
        }

        var word = text.AsSpan(wordStart, dot - wordStart).ToString();
        if (word.Length == 0)
        {
            return false;
        }

        // A single capital is an initial ("J. Smith"); "et al." is two words.
        if (word.Length == 1 && char.IsUpper(word[0]))
        {
            return true;
        }

        if (word == "al" && wordStart >= 3 && text.AsSpan(wordStart - 3, 3).SequenceEqual("et "))
        {
            return true;
        }

        return s_abbreviations.Contains(word.TrimStart('(', '['));
    }

    private static void Add(string text, List<CharSpan> spans, int start, int end)
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
            spans.Add(new CharSpan(start, end));
        }
    }
}
