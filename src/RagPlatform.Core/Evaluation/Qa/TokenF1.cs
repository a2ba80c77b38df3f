using System.Text;

namespace RagPlatform.Core.Evaluation.Qa;

/// <summary>
/// SQuAD-style answer scoring: lowercase, punctuation removed, the articles a/an/the dropped, whitespace split;
/// F1 over the multiset of tokens.
/// </summary>
public static class TokenF1
{
    /// <summary>The normalized tokens of <paramref name="text"/>.</summary>
    public static IReadOnlyList<string> Tokens(string text)
    {
        var cleaned = new StringBuilder(text.Length);
        foreach (var c in text.ToLowerInvariant())
        {
            cleaned.Append(char.IsPunctuation(c) || char.IsSymbol(c) ? ' ' : c);
        }

        return cleaned.ToString()
            .Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
            .Where(t => t is not ("a" or "an" or "the"))
            .ToList();
    }

    /// <summary>Token F1 of a prediction against a gold answer (1 when both are empty).</summary>
    public static double Score(string prediction, string gold) => Score(Tokens(prediction), Tokens(gold));

    /// <summary>Token F1 of two token lists.</summary>
    public static double Score(IReadOnlyList<string> prediction, IReadOnlyList<string> gold)
    {
        if (prediction.Count == 0 || gold.Count == 0)
        {
            return prediction.Count == gold.Count ? 1 : 0;
        }

        var counts = gold.GroupBy(t => t, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var common = 0;
        foreach (var token in prediction)
        {
            if (counts.TryGetValue(token, out var left) && left > 0)
            {
                counts[token] = left - 1;
                common++;
            }
        }

        if (common == 0)
        {
            return 0;
        }

        var precision = (double)common / prediction.Count;
        var recall = (double)common / gold.Count;
        return 2 * precision * recall / (precision + recall);
    }

    /// <summary>
    /// How well a long evidence span contains the gold answer: the best token F1 of the gold against any window of
    /// the span as long as the gold (the span's own F1 when it is shorter). A 1,000-token passage that holds a
    /// 20-token answer scores 1, where plain F1 would punish the passage for its length.
    /// </summary>
    public static double BestWindow(string span, string gold)
    {
        var s = Tokens(span);
        var g = Tokens(gold);
        if (s.Count <= g.Count || g.Count == 0)
        {
            return Score(s, g);
        }

        var need = g.GroupBy(t => t, StringComparer.Ordinal).ToDictionary(x => x.Key, x => x.Count(), StringComparer.Ordinal);
        var have = new Dictionary<string, int>(StringComparer.Ordinal);
        int common = 0, best = 0;
        for (var i = 0; i < s.Count; i++)
        {
            var added = s[i];
            var count = have.GetValueOrDefault(added);
            if (count < need.GetValueOrDefault(added))
            {
                common++;
            }

            have[added] = count + 1;
            if (i >= g.Count)
            {
                var removed = s[i - g.Count];
                var c = have[removed];
                if (c <= need.GetValueOrDefault(removed))
                {
                    common--;
                }

                have[removed] = c - 1;
            }

            best = Math.Max(best, common);
        }

        // The window and the gold have the same length, so precision = recall = common / |gold|.
        return (double)best / g.Count;
    }
}
