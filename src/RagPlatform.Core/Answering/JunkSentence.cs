using System.Text.RegularExpressions;

namespace RagPlatform.Core.Answering;

/// <summary>
/// The rule for sentences an answer should never be made of. Checked in this order, on the sentence without its [n]
/// markers:
/// <list type="number">
/// <item><b>Fragment</b>: fewer than 4 words (a word holds a letter or digit).</item>
/// <item><b>Reference</b>: starts with a bracketed number ("[12] ..."); or has "et al." right before a year and a
/// period ("Lo et al. 2020."; "Lo et al. (2020) show ..." is a sentence); or has a year and a venue marker
/// (Proceedings, In Proc., Journal, Conference, Workshop, Transactions, arXiv, doi, pp., vol.); or starts (after an
/// optional list number "1. ") with two "Surname, I." entries, or with "Surname, I." and has a year; or starts with
/// a list of names closed by ". YEAR." (ACL style: "Awais Athar and Simone Teufel. 2012.").</item>
/// <item><b>AuthorLine</b>: holds an e-mail address, or is at most 20 words with an affiliation word (University,
/// Institute, Department, Laboratory, College, School of, Center/Centre for, Inc., Ltd.) and no verb-ish word, or is a
/// list of at least two capitalized names separated by commas or "and" with no other word.</item>
/// <item><b>Heading</b>: at most 12 words and not ending in sentence punctuation (. ? ! ; : ” " ')'), and either
/// title case (at least 3/4 of the words longer than 3 letters are capitalized), or no verb-ish word (an auxiliary,
/// modal, or a word ending in -ed/-es/-ing/-s after a lowercase start), or starts with a numbering label ("3.1", "§ 106",
/// "Article IV", "Section 8", "IV."); also any line of at most 12 words written all in capitals.</item>
/// </list>
/// </summary>
public static partial class JunkSentence
{
    /// <summary>Sentences with fewer words are fragments.</summary>
    public const int MinWords = 4;

    /// <summary>Headings have at most this many words.</summary>
    public const int MaxHeadingWords = 12;

    private static readonly HashSet<string> s_auxiliaries = new(StringComparer.OrdinalIgnoreCase)
    {
        "is", "are", "was", "were", "be", "been", "being", "am", "has", "have", "had", "do", "does", "did",
        "shall", "should", "may", "might", "must", "will", "would", "can", "could",
    };

    private static readonly HashSet<string> s_smallWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "a", "an", "the", "and", "or", "of", "in", "on", "for", "to", "by", "with", "at", "from", "as", "vs", "v",
    };

    /// <summary>Whether <paramref name="sentence"/> is junk by any rule.</summary>
    public static bool IsJunk(string sentence) => Classify(sentence) != JunkKind.None;

    /// <summary>The first rule <paramref name="sentence"/> breaks, or <see cref="JunkKind.None"/>.</summary>
    public static JunkKind Classify(string sentence)
    {
        ArgumentNullException.ThrowIfNull(sentence);
        var text = Markers().Replace(sentence, string.Empty).Trim();
        var words = Words().Matches(text).Select(m => m.Value).ToList();
        if (words.Count < MinWords)
        {
            return JunkKind.Fragment;
        }

        if (IsReference(text))
        {
            return JunkKind.Reference;
        }

        if (IsAuthorLine(text, words))
        {
            return JunkKind.AuthorLine;
        }

        return IsHeading(text, words) ? JunkKind.Heading : JunkKind.None;
    }

    private static bool IsReference(string text) =>
        BracketNumber().IsMatch(text)
        || EtAlYear().IsMatch(text)
        || AuthorInitials().IsMatch(text)
        || NamesThenYear().IsMatch(text)
        || (Year().IsMatch(text) && Venue().IsMatch(text))
        || (SurnameInitial().IsMatch(text) && Year().IsMatch(text));

    private static bool IsAuthorLine(string text, List<string> words)
    {
        if (Email().IsMatch(text))
        {
            return true;
        }

        if (words.Count <= 20 && Affiliation().IsMatch(text) && !words.Any(IsVerbish))
        {
            return true;
        }

        // "Kyle Lo, Lucy Lu Wang, Mark Neumann and Rodney Kinney": only capitalized names, joined by commas or "and".
        var parts = NameSeparators().Split(text).Select(p => p.Trim()).Where(p => p.Length > 0).ToList();
        return parts.Count >= 2 && parts.All(p => PersonName().IsMatch(p));
    }

    private static bool IsHeading(string text, List<string> words)
    {
        if (words.Count > MaxHeadingWords)
        {
            return false;
        }

        var letters = text.Where(char.IsLetter).ToList();
        if (letters.Count > 0 && letters.All(char.IsUpper))
        {
            return true;
        }

        if (ClosingPunctuation().IsMatch(text))
        {
            return false;
        }

        var content = words.Where(w => w.Length > 3 && char.IsLetter(w[0]) && !s_smallWords.Contains(w)).ToList();
        var titleCase = content.Count > 0 && content.Count(w => char.IsUpper(w[0])) * 4 >= content.Count * 3;
        return titleCase || !words.Any(IsVerbish) || NumberingLabel().IsMatch(text);
    }

    private static bool IsVerbish(string word)
    {
        if (s_auxiliaries.Contains(word))
        {
            return true;
        }

        // A lowercase word with a verb ending; capitalized words in a short line are more likely names or titles.
        return word.Length > 3 && char.IsLower(word[0]) && VerbEnding().IsMatch(word);
    }

    [GeneratedRegex(@"\s*\[\d+(?:\s*[,;]\s*\d+)*\]\s*$|(?<=\S)\s*\[\d+(?:\s*[,;]\s*\d+)*\](?=\s|[.,;:]|$)")]
    private static partial Regex Markers();

    [GeneratedRegex(@"[\p{L}\p{N}][\p{L}\p{N}'’\-]*")]
    private static partial Regex Words();

    [GeneratedRegex(@"^\[\d{1,3}\]\s")]
    private static partial Regex BracketNumber();

    [GeneratedRegex(@"\bet\s+al\.?,?\s*\(?(?:1[89]|20)\d{2}[a-z]?\)?\.", RegexOptions.IgnoreCase)]
    private static partial Regex EtAlYear();

    [GeneratedRegex(@"^(?:\d{1,3}\.\s+)?\p{Lu}[\p{L}'\-]+,\s+\p{Lu}\.(?:\s*\p{Lu}\.)*,\s+\p{Lu}[\p{L}'\-]+,\s+\p{Lu}\.")]
    private static partial Regex AuthorInitials();

    [GeneratedRegex(@"^[\p{L}\s,.'\-]{3,300}?\.\s+(?:1[89]|20)\d{2}[a-z]?\.(?:\s|$)")]
    private static partial Regex NamesThenYear();

    [GeneratedRegex(@"\b(?:1[89]|20)\d{2}[a-z]?\b")]
    private static partial Regex Year();

    [GeneratedRegex(@"\b(?:Proceedings|In Proc\.|Journal|Conference|Workshop|Transactions|arXiv|doi|pp\.|vol\.)", RegexOptions.IgnoreCase)]
    private static partial Regex Venue();

    [GeneratedRegex(@"^(?:\d{1,3}\.\s+)?\p{Lu}[\p{L}'\-]+,\s+\p{Lu}\.")]
    private static partial Regex SurnameInitial();

    [GeneratedRegex(@"[\w.+\-}]+@[\w\-]+(?:\.[\w\-]+)+")]
    private static partial Regex Email();

    [GeneratedRegex(@"\b(?:University|Universit[éà]|Institute|Department|Dept\.|Laboratory|Laboratories|College|School of|Cent(?:er|re) for|Inc\.|Ltd\.)")]
    private static partial Regex Affiliation();

    [GeneratedRegex(@"\s*,\s*(?:and\s+)?|\s+and\s+|\s*&\s*")]
    private static partial Regex NameSeparators();

    [GeneratedRegex(@"^(?:\p{Lu}[\p{Ll}'\-]+|\p{Lu}\.)(?:\s+(?:\p{Lu}[\p{Ll}'\-]+|\p{Lu}\.))+[\d*†‡]*$")]
    private static partial Regex PersonName();

    [GeneratedRegex(@"[.?!;:""”’')\]]$")]
    private static partial Regex ClosingPunctuation();

    [GeneratedRegex(@"^(?:\d+(?:\.\d+)*\.?\s|§+\s*\d|(?:Article|Section|Chapter|Part|Appendix)\s+[\dIVXLC]+\b|[IVXLC]+\.\s)", RegexOptions.IgnoreCase)]
    private static partial Regex NumberingLabel();

    [GeneratedRegex(@"(?:ed|es|ing|s)$")]
    private static partial Regex VerbEnding();
}
