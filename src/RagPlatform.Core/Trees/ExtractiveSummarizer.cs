namespace RagPlatform.Core.Trees;

/// <summary>
/// Chooses summary sentences by centrality plus coverage: greedily, the sentence most similar to the content's
/// centroid and least similar to the sentences already chosen (maximal marginal relevance), until the sentence or
/// character bound; the choice is returned in document order, so every summary reads as the text does.
/// </summary>
internal static class ExtractiveSummarizer
{
    // Centrality against redundancy: 0.7 keeps summaries on topic while later picks cover other children.
    private const double Lambda = 0.7;

    // Fragments (headings, table cells) say little; they are chosen only when nothing longer exists.
    private const int MinWords = 6;

    // Table rows and reference lists are mostly digits and punctuation: central to nothing a reader wants.
    private const double MinLetterShare = 0.7;

    public static IReadOnlyList<SummarySentence> Select(
        IReadOnlyList<SummarySentence> candidates, float[] centroid, int maxSentences, int maxChars)
    {
        var pool = candidates.Where(c => c.Words >= MinWords && IsProse(c.Text)).ToList();
        if (pool.Count == 0)
        {
            pool = [.. candidates];
        }

        var centrality = pool.Select(c => TextVectorizer.Cosine(c.Vector, centroid)).ToArray();
        var chosen = new List<int>();
        var chars = 0;
        var open = Enumerable.Range(0, pool.Count).ToHashSet();
        while (chosen.Count < maxSentences && open.Count > 0)
        {
            var best = -1;
            var bestScore = double.NegativeInfinity;
            foreach (var i in open)
            {
                var redundancy = chosen.Count == 0 ? 0 : chosen.Max(j => TextVectorizer.Cosine(pool[i].Vector, pool[j].Vector));
                var score = (Lambda * centrality[i]) - ((1 - Lambda) * redundancy);
                if (score > bestScore || (score == bestScore && i < best))
                {
                    best = i;
                    bestScore = score;
                }
            }

            open.Remove(best);
            if (chosen.Count > 0 && chars + pool[best].Text.Length > maxChars)
            {
                continue;
            }

            chosen.Add(best);
            chars += pool[best].Text.Length + 1;
        }

        return [.. chosen.Select(i => pool[i]).OrderBy(s => s.Span.Start)];
    }

    private static bool IsProse(string text)
    {
        int letters = 0, visible = 0;
        foreach (var c in text)
        {
            letters += char.IsLetter(c) ? 1 : 0;
            visible += char.IsWhiteSpace(c) ? 0 : 1;
        }

        return visible > 0 && letters >= MinLetterShare * visible;
    }
}
