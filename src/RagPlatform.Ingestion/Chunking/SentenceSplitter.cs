namespace RagPlatform.Ingestion.Chunking;

/// <summary>
/// Splits a range of normalized text into trimmed sentence spans. A sentence ends at . ! ? (plus closing quotes or
/// brackets) followed by whitespace, unless the word before the period is a known abbreviation ("U.S.C.", "e.g.",
/// "et al.", "No.", "Fig.", "Sec.") or an initial; a paragraph break always ends one. Decimals never split, since
/// their period is not followed by whitespace.
/// </summary>
internal static class SentenceSplitter
{
    private static readonly HashSet<string> s_abbreviations = new(StringComparer.OrdinalIgnoreCase)
    {
        "e.g", "i.e", "cf", "etc", "al", "vs", "v", "viz", "ca", "approx", "resp",
        "u.s", "u.s.c", "c.f.r", "fed", "reg", "stat", "supp", "cir", "ct", "app", "art", "arts", "sec", "secs", "ss",
        "no", "nos", "para", "paras", "cl", "ch", "chap", "pt", "pp", "p", "vol", "ed", "eds", "ibid", "id", "op",
        "fig", "figs", "eq", "eqs", "tab", "ref", "refs", "sect", "def", "prop", "thm", "lem",
        "mr", "mrs", "ms", "dr", "prof", "jr", "sr", "st", "inc", "ltd", "co", "corp", "llc", "dept", "gov", "univ",
        "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    };

    public static void Split(string text, int start, int end, List<(int Start, int End)> sentences)
    {
        var pos = SkipWhitespace(text, start, end);
        var sentenceStart = pos;
        while (pos < end)
        {
            var c = text[pos];
            if (c == '\n' && pos + 1 < end && text[pos + 1] == '\n')
            {
                Add(text, sentenceStart, pos, sentences);
                pos = SkipWhitespace(text, pos, end);
                sentenceStart = pos;
                continue;
            }

            if (c is '.' or '!' or '?' or ';' && IsBoundary(text, pos, end, out var after))
            {
                Add(text, sentenceStart, after, sentences);
                pos = SkipWhitespace(text, after, end);
                sentenceStart = pos;
                continue;
            }

            pos++;
        }

        Add(text, sentenceStart, end, sentences);
    }

    private static bool IsBoundary(string text, int pos, int end, out int after)
    {
        after = pos + 1;
        while (after < end && text[after] is '"' or '\'' or ')' or ']' or '\u201D' or '\u2019')
        {
            after++;
        }

        if (after >= end)
        {
            return true;
        }

        if (!char.IsWhiteSpace(text[after]))
        {
            return false; // "3.14", "U.S.C", "example.com"
        }

        if (text[pos] == ';')
        {
            return false; // semicolons only matter for the hard limit; keep clauses together
        }

        if (text[pos] != '.')
        {
            return true;
        }

        // The word before the period.
        var wordStart = pos;
        while (wordStart > 0 && !char.IsWhiteSpace(text[wordStart - 1]) && text[wordStart - 1] is not ('(' or '[' or '"'))
        {
            wordStart--;
        }

        var word = text.AsSpan(wordStart, pos - wordStart);
        if (word.Length == 1 && char.IsUpper(word[0]))
        {
            return false; // an initial: "J. Smith"
        }

        if (word.Length > 0 && s_abbreviations.GetAlternateLookup<ReadOnlySpan<char>>().Contains(word))
        {
            // "... under 17 U.S.C. Section 107." ends a sentence only when a new paragraph follows; otherwise an
            // abbreviation followed by a capital is far more often mid-sentence ("No. 5", "Sec. 4", "et al. Smith").
            return text.AsSpan(after, Math.Min(2, end - after)).StartsWith("\n\n");
        }

        // The next word must look like a sentence start: capital, digit, quote, bracket, symbol.
        var next = after;
        while (next < end && char.IsWhiteSpace(text[next]))
        {
            next++;
        }

        return next >= end || !char.IsLower(text[next]);
    }

    private static int SkipWhitespace(string text, int pos, int end)
    {
        while (pos < end && char.IsWhiteSpace(text[pos]))
        {
            pos++;
        }

        return pos;
    }

    private static void Add(string text, int start, int end, List<(int Start, int End)> sentences)
    {
        while (end > start && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }

        if (end > start)
        {
            sentences.Add((start, end));
        }
    }
}
