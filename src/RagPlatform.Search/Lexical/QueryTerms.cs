using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Index;
using Lucene.Net.Search;

namespace RagPlatform.Search.Lexical;

/// <summary>Turns plain text (never Lucene syntax) into a BM25 bag-of-words query over text and title.</summary>
internal static class QueryTerms
{
    /// <summary>
    /// Distinct terms kept per query: enough for a 32,000-character fact pattern used whole; <see cref="LuceneIndex"/>
    /// raises BooleanQuery.MaxClauseCount to fit two fields of them.
    /// </summary>
    public const int MaxTerms = 4096;

    /// <summary>The analyzed terms of <paramref name="text"/> with their counts, in first-seen order, capped.</summary>
    public static IReadOnlyList<KeyValuePair<string, int>> Analyze(Analyzer analyzer, string field, string text)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var order = new List<string>();
        using var stream = analyzer.GetTokenStream(field, text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            var t = term.ToString();
            if (counts.TryGetValue(t, out var n))
            {
                counts[t] = n + 1;
            }
            else if (order.Count < MaxTerms)
            {
                counts[t] = 1;
                order.Add(t);
            }
        }

        stream.End();
        return order.Select(t => new KeyValuePair<string, int>(t, counts[t])).ToList();
    }

    /// <summary>
    /// The <paramref name="max"/> terms of highest tf x idf (BM25's idf over <paramref name="reader"/>), in their first-seen
    /// order; all of them when there are no more than <paramref name="max"/> or max is 0. Terms no chunk holds weigh 0.
    /// </summary>
    public static IReadOnlyList<KeyValuePair<string, int>> SelectByIdf(IReadOnlyList<KeyValuePair<string, int>> terms, IndexReader reader, string field, int max)
    {
        if (max <= 0 || terms.Count <= max)
        {
            return terms;
        }

        double docs = Math.Max(1, reader.NumDocs);
        var keep = terms
            .Select((t, i) => (Index: i, Weight: t.Value * Idf(reader.DocFreq(new Term(field, t.Key)), docs)))
            .OrderByDescending(x => x.Weight)
            .ThenBy(x => x.Index)
            .Take(max)
            .Select(x => x.Index)
            .ToHashSet();
        return [.. terms.Where((_, i) => keep.Contains(i))];
    }

    /// <summary>
    /// SHOULD clauses, one per distinct term and field; a repeated query term weighs as often as it occurs
    /// (Anserini's bag of words). Null when nothing is searchable.
    /// </summary>
    public static Query? Build(IReadOnlyList<KeyValuePair<string, int>> terms, float titleBoost)
    {
        if (terms.Count == 0)
        {
            return null;
        }

        var query = new BooleanQuery(disableCoord: true);
        foreach (var (t, n) in terms)
        {
            query.Add(new TermQuery(new Term(LuceneFields.Text, t)) { Boost = n }, Occur.SHOULD);
            if (titleBoost > 0)
            {
                query.Add(new TermQuery(new Term(LuceneFields.Title, t)) { Boost = n * titleBoost }, Occur.SHOULD);
            }
        }

        return query;
    }

    private static double Idf(int docFreq, double docs) => docFreq == 0 ? 0 : Math.Log(1 + ((docs - docFreq + 0.5) / (docFreq + 0.5)));
}
