namespace RagPlatform.Core.Text;

/// <summary>
/// BM25 over a small pool of sentences (the evidence of one question), normalized to 0..1 by the score a sentence
/// holding every question term once would get: roughly the IDF-weighted share of the question it covers.
/// </summary>
internal sealed class LexicalScorer
{
    private const double K1 = 1.2;
    private const double B = 0.75;

    private readonly Dictionary<string, int> _documentFrequency = new(StringComparer.Ordinal);
    private readonly int _count;
    private readonly double _averageLength;

    public LexicalScorer(IReadOnlyList<IReadOnlyList<string>> pool)
    {
        _count = pool.Count;
        long total = 0;
        foreach (var terms in pool)
        {
            total += terms.Count;
            foreach (var term in terms.Distinct())
            {
                _documentFrequency[term] = _documentFrequency.GetValueOrDefault(term) + 1;
            }
        }

        _averageLength = _count == 0 ? 1 : Math.Max(1, (double)total / _count);
    }

    public double Idf(string term)
    {
        var df = _documentFrequency.GetValueOrDefault(term);
        return Math.Log(1 + ((_count - df + 0.5) / (df + 0.5)));
    }

    /// <summary>Normalized BM25 of <paramref name="sentence"/> for the distinct <paramref name="query"/> terms.</summary>
    public double Score(IReadOnlyCollection<string> query, IReadOnlyList<string> sentence)
    {
        if (query.Count == 0 || sentence.Count == 0)
        {
            return 0;
        }

        var tf = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var term in sentence)
        {
            tf[term] = tf.GetValueOrDefault(term) + 1;
        }

        double score = 0, best = 0;
        var norm = K1 * (1 - B + (B * sentence.Count / _averageLength));
        foreach (var term in query)
        {
            var idf = Idf(term);
            best += idf;
            if (tf.TryGetValue(term, out var f))
            {
                score += idf * f * (K1 + 1) / (f + norm);
            }
        }

        // A short sentence can exceed the "every term once at average length" reference; cap at 1.
        return best <= 0 ? 0 : Math.Min(1, score / best);
    }
}
