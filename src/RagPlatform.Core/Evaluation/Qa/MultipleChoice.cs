using RagPlatform.Core.Answering;

namespace RagPlatform.Core.Evaluation.Qa;

/// <summary>
/// Picks the option best supported by the evidence without a generator: each option is scored, as a query, against
/// every sentence of the evidence (BM25 weights over those sentences, normalized by the option's own weight); an
/// option's support is its best sentence plus half its second best. Ties go to the earlier option.
/// </summary>
public static class MultipleChoice
{
    /// <summary>The index of the chosen option.</summary>
    public static int Choose(string question, IReadOnlyList<string> options, IReadOnlyList<string> evidence)
    {
        var sentences = evidence.SelectMany(text => SentenceSplitter.Split(text).Select(r => Terms.Tokenize(text[r.Start..r.End]))).ToList();
        if (sentences.Count == 0 || options.Count == 0)
        {
            return 0;
        }

        var scorer = new LexicalScorer([.. sentences]);
        var stem = Terms.Tokenize(question).ToHashSet(StringComparer.Ordinal);
        var best = 0;
        var bestScore = double.NegativeInfinity;
        for (var i = 0; i < options.Count; i++)
        {
            // Terms the question already holds do not tell the options apart.
            var query = Terms.Tokenize(options[i]).Where(t => !stem.Contains(t)).Distinct(StringComparer.Ordinal).ToList();
            var top = sentences.Select(s => scorer.Score(query, s)).OrderByDescending(x => x).Take(2).ToList();
            var score = top.Count == 0 ? 0 : top[0] + (top.Count > 1 ? 0.5 * top[1] : 0);
            if (score > bestScore)
            {
                bestScore = score;
                best = i;
            }
        }

        return best;
    }
}
