using Microsoft.Extensions.AI;
using RagPlatform.Core.Answering;
using RagPlatform.Core.Embeddings;
using RagPlatform.Core.Text;

namespace RagPlatform.Core.Evaluation.Qa;

/// <summary>
/// Picks the option best supported by the evidence without a generator. Lexically, each option is scored, as a query,
/// against every sentence of the evidence (BM25 weights over those sentences, normalized by the option's own weight,
/// terms of the question left out); an option's support is its best sentence plus half its second best. With an
/// embedder, "question + option" is also embedded as a query and scored by its best cosine against the evidence
/// sentences; each signal is standardized across the options and the two are summed. Ties go to the earlier option.
/// </summary>
public static class MultipleChoice
{
    /// <summary>The index of the chosen option, by lexical support alone.</summary>
    public static int Choose(string question, IReadOnlyList<string> options, IReadOnlyList<string> evidence)
        => ArgMax(LexicalSupport(question, options, Sentences(evidence)));

    /// <summary>The index of the chosen option, by lexical and (when <paramref name="embedder"/> is given) embedding support.</summary>
    public static async Task<int> ChooseAsync(
        string question,
        IReadOnlyList<string> options,
        IReadOnlyList<string> evidence,
        IEmbeddingGenerator<string, Embedding<float>>? embedder,
        CancellationToken cancellationToken)
    {
        var sentences = Sentences(evidence);
        var lexical = LexicalSupport(question, options, sentences);
        if (embedder is null || sentences.Count == 0 || options.Count == 0)
        {
            return ArgMax(lexical);
        }

        var claims = await embedder.GenerateAsync([.. options.Select(o => question + " " + o)], EmbeddingPurpose.ForQueries(), cancellationToken);
        var passages = await embedder.GenerateAsync([.. sentences.Select(s => s.Text)], cancellationToken: cancellationToken);
        var dense = claims.Select(c => passages.Max(p => ExtractiveAnswerer.Cosine(c.Vector.Span, p.Vector.Span))).ToArray();
        var lexicalZ = Standardize(lexical);
        var denseZ = Standardize(dense);
        return ArgMax([.. lexicalZ.Select((l, i) => l + denseZ[i])]);
    }

    private static List<(string Text, IReadOnlyList<string> Terms)> Sentences(IReadOnlyList<string> evidence) =>
        [.. evidence.SelectMany(text => SentenceSplitter.Split(text).Select(r => text[r.Start..r.End]))
            .Select(s => (s, (IReadOnlyList<string>)Terms.Tokenize(s)))];

    private static double[] LexicalSupport(string question, IReadOnlyList<string> options, List<(string Text, IReadOnlyList<string> Terms)> sentences)
    {
        var support = new double[options.Count];
        if (sentences.Count == 0)
        {
            return support;
        }

        var scorer = new LexicalScorer([.. sentences.Select(s => s.Terms)]);
        var stem = Terms.Tokenize(question).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < options.Count; i++)
        {
            // Terms the question already holds do not tell the options apart.
            var query = Terms.Tokenize(options[i]).Where(t => !stem.Contains(t)).Distinct(StringComparer.Ordinal).ToList();
            var top = sentences.Select(s => scorer.Score(query, s.Terms)).OrderByDescending(x => x).Take(2).ToList();
            support[i] = top.Count == 0 ? 0 : top[0] + (top.Count > 1 ? 0.5 * top[1] : 0);
        }

        return support;
    }

    private static double[] Standardize(double[] values)
    {
        var mean = values.Average();
        var sd = Math.Sqrt(values.Average(v => (v - mean) * (v - mean)));
        return [.. values.Select(v => sd > 1e-9 ? (v - mean) / sd : 0)];
    }

    private static int ArgMax(double[] scores)
    {
        var best = 0;
        for (var i = 1; i < scores.Length; i++)
        {
            if (scores[i] > scores[best])
            {
                best = i;
            }
        }

        return best;
    }
}
