using System.Collections.Frozen;
using System.Text.RegularExpressions;
using RagPlatform.Core.Text;

namespace RagPlatform.Core.Answering;

/// <summary>
/// What a question asks for, beyond its kind: the words that only name the answer's shape ("how <b>long</b>", "the
/// <b>term</b> of", "the <b>name</b> of": a duration or a name answers them without repeating them), and the thing a
/// "what X" / "which X" / "how many X" question asks about (its head noun: "what civil <b>penalty</b>", "how many
/// <b>fatalities</b>"). An answer that never mentions that thing answers another question.
/// </summary>
internal static partial class QuestionFocus
{
    private const int MaxFocusWords = 3;

    // Verbs that end a "what X ..." phrase ("how many participants took part", "which organization writes").
    private static readonly FrozenSet<string> s_verbs = new[]
    {
        "apply", "applies", "take", "takes", "took", "decide", "decides", "happen", "happens", "contain", "contains",
        "offer", "offers", "receive", "receives", "provide", "provides", "govern", "governs", "cause", "causes",
        "include", "includes", "make", "makes", "made", "give", "gives", "gave", "get", "gets", "got", "require",
        "requires", "appear", "appears", "exist", "exists", "occur", "occurs", "mean", "means", "need", "needs", "remain",
        "remains", "become", "becomes", "lead", "leads", "write", "writes", "wrote", "come", "comes", "go", "goes",
        "say", "says", "said", "show", "shows", "cover", "covers", "allow", "allows", "belong", "belongs",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Stemmed question terms that name the answer's shape for this kind; they rank, they need not be quoted.</summary>
    public static IReadOnlySet<string> FormTerms(string question, QuestionKind kind)
    {
        var words = new HashSet<string>(StringComparer.Ordinal);
        if (NameOf().IsMatch(question))
        {
            words.UnionWith(["name", "title"]);
        }

        switch (kind)
        {
            case QuestionKind.Duration:
                words.UnionWith(["long", "term", "period", "duration", "length", "old", "age", "often"]);
                break;
            case QuestionKind.When:
                words.UnionWith(["date", "day", "year", "time"]);
                break;
            case QuestionKind.Quantity:
                words.UnionWith(["number", "amount", "percentage", "percent", "total", "size"]);
                break;
        }

        return words.Select(Terms.Stem).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>
    /// The stemmed head noun of the question's "what X" / "which X" / "how many X" / "what is the X of" phrase, or
    /// null when the question has no such phrase (or its head only names the answer's shape).
    /// </summary>
    public static string? AskedThing(string question, QuestionKind kind)
    {
        // A "which organization / party / court" question is answered by a name, which need not say "organization".
        if (kind is QuestionKind.Duration or QuestionKind.When or QuestionKind.Who or QuestionKind.YesNo or QuestionKind.Reason or QuestionKind.Method)
        {
            return null;
        }

        var match = Wh().Match(question);
        if (!match.Success)
        {
            return null;
        }

        var focus = new List<string>();
        foreach (Match w in Word().Matches(question, match.Index + match.Length))
        {
            var word = w.Value.ToLowerInvariant();
            if (focus.Count == 0 && word is "the" or "a" or "an")
            {
                continue;
            }

            if (Terms.IsStopword(word) || s_verbs.Contains(word) || (focus.Count > 0 && word.EndsWith("ed", StringComparison.Ordinal)) || focus.Count == MaxFocusWords)
            {
                break;
            }

            focus.Add(word);
        }

        var form = FormTerms(question, kind);
        for (var i = focus.Count - 1; i >= 0; i--)
        {
            var terms = Terms.Tokenize(focus[i]);
            if (terms.Count > 0)
            {
                var head = terms[^1];
                return form.Contains(head) || char.IsDigit(head[0]) ? null : head;
            }
        }

        return null;
    }

    /// <summary>Whether the question asks for several things ("what features", "which rights", "the two tasks").</summary>
    public static bool AsksForList(string question)
    {
        var match = Wh().Match(question);
        if (!match.Success)
        {
            return false;
        }

        var next = Word().Matches(question, match.Index + match.Length).Take(MaxFocusWords).Select(m => m.Value.ToLowerInvariant()).ToList();
        return next.Any(w => s_counts.Contains(w)) || next.TakeWhile(w => !Terms.IsStopword(w) && !s_verbs.Contains(w)).LastOrDefault() is { Length: > 3 } head
            && head.EndsWith('s') && !head.EndsWith("ss", StringComparison.Ordinal);
    }

    /// <summary>Whether the sentence counts out the things asked for: "four features: ...", "two tasks, namely ...".</summary>
    public static bool CountsOut(string sentence, string thing) => s_countsOut.Get((sentence, thing));

    private static readonly BoundedMemo<(string Sentence, string Thing), bool> s_countsOut = new(16_384, k => CountsOutWords(k.Sentence, k.Thing));

    private static bool CountsOutWords(string sentence, string thing)
    {
        var words = Word().Matches(sentence).Select(m => m.Value.ToLowerInvariant()).ToList();
        for (var i = 1; i < words.Count; i++)
        {
            if ((s_counts.Contains(words[i - 1]) || (i > 1 && s_counts.Contains(words[i - 2]))) && Terms.Tokenize(words[i]).Contains(thing, StringComparer.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether the sentence states a number of the thing asked for: a figure or number word at most two words before
    /// it ("9,280 expert-authored summaries", "12 participants", "three components"). "How many X" is answered there.
    /// </summary>
    public static bool CountsNumber(string sentence, string thing) => s_countsNumber.Get((sentence, thing));

    private static readonly BoundedMemo<(string Sentence, string Thing), bool> s_countsNumber = new(16_384, k => CountsNumberWords(k.Sentence, k.Thing));

    private static bool CountsNumberWords(string sentence, string thing)
    {
        var words = Word().Matches(sentence).Select(m => m.Value.ToLowerInvariant()).ToList();
        for (var i = 1; i < words.Count; i++)
        {
            if (!Terms.Tokenize(words[i]).Contains(thing, StringComparer.Ordinal))
            {
                continue;
            }

            for (var j = Math.Max(0, i - 3); j < i; j++)
            {
                if (IsNumber(words[j]))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool IsNumber(string word) =>
        (word.Length > 0 && word.All(char.IsAsciiDigit)) || (s_counts.Contains(word) && word is not ("following" or "several")) || s_largeNumbers.Contains(word);

    private static readonly FrozenSet<string> s_largeNumbers = new[]
    {
        "eleven", "twelve", "twenty", "thirty", "forty", "fifty", "hundred", "hundreds", "thousand", "thousands", "million", "millions", "billion", "dozen", "dozens",
    }.ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenSet<string> s_counts = new[]
    {
        "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "2", "3", "4", "5", "6", "7", "8", "9", "10",
        "following", "several",
    }.ToFrozenSet(StringComparer.Ordinal);

    // "what civil penalty", "which court", "how many runs", "what is the statute of"; not "what does", "what is X?".
    [GeneratedRegex(@"\b(?:(?:what|which)(?:\s+(?:is|are|was|were)\s+the)?|how\s+(?:many|much))\s+(?!(?:is|are|was|were|do|does|did|can|could|should|will|would|has|have|had|shall|may|must|happens?)\b)", RegexOptions.IgnoreCase)]
    private static partial Regex Wh();

    [GeneratedRegex(@"[\p{L}\p{Nd}][\p{L}\p{Nd}'-]*")]
    private static partial Regex Word();

    [GeneratedRegex(@"\b(name|title)\s+of\b|\bwhat\s+is\s+\w+\s+called\b", RegexOptions.IgnoreCase)]
    private static partial Regex NameOf();
}
