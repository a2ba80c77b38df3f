using System.Collections.Frozen;
using System.Text;

namespace RagPlatform.Core.Text;

/// <summary>
/// The lexical view of text used to score sentences: lowercase letter/digit runs, stop words (including the
/// boilerplate of benchmark prompts such as "highlight the parts ... reviewed by a lawyer") dropped, and a light
/// suffix stemmer so that "expires", "expired" and "expiration" meet.
/// </summary>
public static class Terms
{
    private static readonly FrozenSet<string> s_stopwords = new[]
    {
        "a", "an", "the", "and", "or", "but", "if", "of", "to", "in", "on", "at", "by", "for", "with", "from", "as", "into",
        "about", "than", "then", "so", "such", "that", "this", "these", "those", "there", "here", "it", "its", "is", "are",
        "was", "were", "be", "been", "being", "am", "do", "does", "did", "done", "have", "has", "had", "having", "will",
        "would", "shall", "should", "can", "could", "may", "might", "must", "not", "no", "nor", "any", "all", "some",
        "each", "every", "other", "what", "which", "who", "whom", "whose", "when", "where", "why", "how", "i", "we",
        "you", "he", "she", "they", "them", "his", "her", "their", "our", "your", "my", "me", "us", "him", "s", "also",
        "only", "very", "more", "most", "much", "many", "up", "out", "over", "under", "again", "further", "between",
        "both", "same", "own", "just", "too", "via", "per", "yes", "there", "whether", "according", "based", "paper",
        "highlight", "parts", "part", "related", "reviewed", "review", "lawyer", "details", "detail", "document",
        "documents", "please", "tell", "describe", "explain", "question", "answer", "use", "used", "using",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Content terms of the text, stemmed, in order (with repeats).</summary>
    public static List<string> Tokenize(string text)
    {
        var terms = new List<string>();
        var current = new StringBuilder();
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c))
            {
                current.Append(char.ToLowerInvariant(c));
                continue;
            }

            Flush(current, terms);
        }

        Flush(current, terms);
        return terms;
    }

    /// <summary>
    /// The question's content words, unstemmed, in order: the retrieval query. Prompt boilerplate ("highlight the
    /// parts ... reviewed by a lawyer") would otherwise pull in every passage that talks about "this contract".
    /// </summary>
    public static string Keywords(string text)
    {
        var words = new List<string>();
        var current = new StringBuilder();
        foreach (var c in text.Append(' '))
        {
            if (char.IsLetterOrDigit(c) || (c is '-' or '.' && current.Length > 0))
            {
                current.Append(c);
                continue;
            }

            var word = current.ToString().Trim('-', '.');
            current.Clear();
            if (word.Length > 1 && !s_stopwords.Contains(word.ToLowerInvariant()))
            {
                words.Add(word);
            }
        }

        return string.Join(' ', words);
    }

    /// <summary>Whether the token (lowercase) is a stop word.</summary>
    public static bool IsStopword(string token) => s_stopwords.Contains(token);

    public static string Stem(string t)
    {
        if (t.Length <= 3 || char.IsDigit(t[^1]))
        {
            return t;
        }

        // A plural loses its "s" first, so "recommendations" meets "recommendation" and "recommend".
        if (t.Length > 5 && t[^1] == 's' && t[^2] is not ('s' or 'u' or 'i' or 'e'))
        {
            t = t[..^1];
        }

        if (t.EndsWith("ation", StringComparison.Ordinal) && t.Length > 7)
        {
            return t[..^5];
        }

        if (t.EndsWith("ies", StringComparison.Ordinal) && t.Length > 4)
        {
            return t[..^3] + "y";
        }

        if (t.EndsWith("ing", StringComparison.Ordinal) && t.Length > 5)
        {
            return Trim(t[..^3]);
        }

        if (t.EndsWith("ed", StringComparison.Ordinal) && t.Length > 4)
        {
            return Trim(t[..^2]);
        }

        if (t.EndsWith("es", StringComparison.Ordinal) && t.Length > 4 && (t[^3] is 's' or 'x' or 'z' || t.EndsWith("ches", StringComparison.Ordinal) || t.EndsWith("shes", StringComparison.Ordinal)))
        {
            return t[..^2];
        }

        if (t[^1] == 's' && t[^2] != 's' && t[^2] != 'u' && t[^2] != 'i')
        {
            return Trim(t[..^1]);
        }

        return Trim(t);
    }

    // "expire" and "expir(ed)" meet at "expir"; "renewal" and "renew" at "renew".
    private static string Trim(string t)
    {
        if (t.EndsWith("al", StringComparison.Ordinal) && t.Length > 6)
        {
            t = t[..^2];
        }

        return t.Length > 4 && t[^1] == 'e' ? t[..^1] : t;
    }

    private static void Flush(StringBuilder current, List<string> terms)
    {
        if (current.Length == 0)
        {
            return;
        }

        var token = current.ToString();
        current.Clear();
        if ((token.Length > 1 || char.IsDigit(token[0])) && !s_stopwords.Contains(token))
        {
            terms.Add(Stem(token));
        }
    }
}
