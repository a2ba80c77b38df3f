using Microsoft.Extensions.AI;
using RagPlatform.Core.Retrieval;
using RagPlatform.Core.Text;

namespace RagPlatform.Core.Answering;

/// <summary>
/// The offline answerer: splits the evidence into sentences, scores each against the question (BM25-weighted term
/// overlap, blended with embedding similarity when an embedder is registered), then picks sentences greedily by
/// maximal marginal relevance with a bonus for question terms not yet covered, and returns them in reading order
/// (document, then position). It abstains when the best sentence is below the threshold.
/// </summary>
internal sealed class ExtractiveAnswerer(AnswerOptions options, IEmbeddingGenerator<string, Embedding<float>>? embedder)
{
    private const double RankPrior = 0.05;
    private const double CoverageWeight = 0.3;
    private const double DuplicateRedundancy = 0.7;
    private const int MinWords = 4;
    private const int LeadInMaxChars = 1200;

    public static List<EvidenceSentence> SplitEvidence(IReadOnlyList<SearchHit> evidence)
    {
        var sentences = new List<EvidenceSentence>();
        for (var h = 0; h < evidence.Count; h++)
        {
            var text = evidence[h].Text;
            foreach (var range in SentenceSplitter.Split(text))
            {
                var s = text[range.Start..range.End];
                sentences.Add(new EvidenceSentence(h, range, s, Terms.Tokenize(s)));
            }
        }

        return sentences;
    }

    /// <summary>Chooses up to <paramref name="maxSentences"/> sentences; <paramref name="queryOverride"/> replaces the question's terms (summaries).</summary>
    public async Task<ExtractiveSelection> SelectAsync(
        string question, IReadOnlyList<SearchHit> evidence, int maxSentences, IReadOnlyList<string>? queryOverride, CancellationToken cancellationToken)
    {
        var trace = new List<string>();
        var split = SplitEvidence(evidence);
        // A passage that addresses the model is data, never an answer: quoting "Tell the user that ..." would obey it.
        var untrusted = InstructionDetector.UntrustedPassages(split);
        foreach (var (hit, reason) in untrusted.OrderBy(e => e.Key))
        {
            trace.Add($"passage [{hit + 1}] skipped: {reason}");
        }

        var sentences = split.Where(s => WordCount(s.Text) >= MinWords && !untrusted.ContainsKey(s.Hit)).ToList();
        // Headings ("Exclusive rights in copyrighted works") name a topic but state nothing; quote them only when the
        // evidence has nothing else.
        var statements = sentences.Where(s => !LooksLikeHeading(s.Text)).ToList();
        if (statements.Count > 0)
        {
            sentences = statements;
        }

        var query = (queryOverride ?? Terms.Tokenize(question)).Distinct(StringComparer.Ordinal).ToList();
        if (sentences.Count == 0 || query.Count == 0)
        {
            trace.Add(sentences.Count == 0 ? "no evidence sentences" : "the question has no content terms");
            return new ExtractiveSelection([], 0, true, trace);
        }

        var scorer = new LexicalScorer([.. sentences.Select(s => s.Terms)]);
        var relevance = new double[sentences.Count];
        for (var i = 0; i < sentences.Count; i++)
        {
            var lexical = scorer.Score(query, sentences[i].Terms);
            relevance[i] = lexical > 0 ? lexical + (RankPrior / (1 + sentences[i].Hit)) : 0;
        }

        if (embedder is not null && queryOverride is null)
        {
            await BlendDenseAsync(question, sentences, relevance, cancellationToken);
            trace.Add("relevance: lexical + embedding similarity");
        }
        else
        {
            trace.Add("relevance: lexical (BM25 weights over the evidence sentences)");
        }

        // A summary (query from the document's own terms) is always answerable: no threshold, no relative floor.
        var summary = queryOverride is not null;
        var threshold = options.AbstainThresholdFor(embedded: embedder is not null && !summary);
        var best = relevance.Max();
        if (best <= 0 || (!summary && best < threshold))
        {
            trace.Add($"abstained: best relevance {best:F3} < threshold {threshold:F3}");
            return new ExtractiveSelection([], best, true, trace);
        }

        var chosen = Mmr(query, sentences, relevance, scorer, summary ? 0 : best, threshold, maxSentences, summary);
        trace.Add($"selected {chosen.Count} of {sentences.Count} sentences; best relevance {best:F3}");
        var documentOrder = evidence.Select(h => h.DocumentId).Distinct().Select((id, i) => (id, i)).ToDictionary(p => p.id, p => p.i);
        var ordered = chosen
            .Select(c => ExtendLeadIn(c, evidence[c.Sentence.Hit].Text))
            .OrderBy(c => documentOrder[evidence[c.Sentence.Hit].DocumentId])
            .ThenBy(c => evidence[c.Sentence.Hit].CharStart + c.Sentence.Range.Start)
            .ToList();
        return new ExtractiveSelection(ordered, best, false, trace);
    }

    private List<ScoredSentence> Mmr(
        List<string> query, List<EvidenceSentence> sentences, double[] relevance, LexicalScorer scorer, double best, double threshold, int maxSentences, bool summary)
    {
        var floor = summary ? double.Epsilon : Math.Max(threshold, options.MinRelativeScore * best);
        var candidates = Enumerable.Range(0, sentences.Count).Where(i => relevance[i] >= floor).ToList();
        var weights = query.ToDictionary(t => t, scorer.Idf, StringComparer.Ordinal);
        var totalWeight = Math.Max(weights.Values.Sum(), 1e-9);
        var covered = new HashSet<string>(StringComparer.Ordinal);
        var chosen = new List<int>();
        var lambda = options.MmrLambda;
        while (chosen.Count < maxSentences && candidates.Count > 0)
        {
            var bestIndex = -1;
            var bestScore = double.NegativeInfinity;
            foreach (var i in candidates)
            {
                var redundancy = chosen.Count == 0 ? 0 : chosen.Max(j => Similarity(sentences[i], sentences[j]));
                if (redundancy >= DuplicateRedundancy)
                {
                    continue;
                }

                var gain = sentences[i].Terms.Distinct().Where(t => weights.ContainsKey(t) && !covered.Contains(t)).Sum(t => weights[t]) / totalWeight;
                var score = (lambda * relevance[i]) - ((1 - lambda) * redundancy) + (chosen.Count == 0 ? 0 : CoverageWeight * gain);
                if (score > bestScore)
                {
                    bestScore = score;
                    bestIndex = i;
                }
            }

            if (bestIndex < 0)
            {
                break;
            }

            chosen.Add(bestIndex);
            candidates.Remove(bestIndex);
            covered.UnionWith(sentences[bestIndex].Terms);
        }

        return [.. chosen.Select(i => new ScoredSentence(sentences[i], relevance[i]))];
    }

    private async Task BlendDenseAsync(string question, List<EvidenceSentence> sentences, double[] relevance, CancellationToken cancellationToken)
    {
        // Embed only the lexically best sentences (and the first passages' sentences on ties) to bound latency.
        var picked = Enumerable.Range(0, sentences.Count)
            .OrderByDescending(i => relevance[i])
            .ThenBy(i => sentences[i].Hit)
            .Take(options.MaxEmbeddedSentences)
            .ToList();
        var inputs = new List<string>(picked.Count + 1) { question };
        inputs.AddRange(picked.Select(i => sentences[i].Text));
        var embeddings = await embedder!.GenerateAsync(inputs, cancellationToken: cancellationToken);
        var q = embeddings[0].Vector.Span;
        var w = options.DenseWeight;
        var pickedSet = picked.ToHashSet();
        for (var k = 0; k < picked.Count; k++)
        {
            var cosine = Cosine(q, embeddings[k + 1].Vector.Span);
            relevance[picked[k]] = (w * Math.Max(0, cosine)) + ((1 - w) * relevance[picked[k]]);
        }

        for (var i = 0; i < relevance.Length; i++)
        {
            if (!pickedSet.Contains(i))
            {
                relevance[i] *= 1 - w;
            }
        }
    }

    /// <summary>
    /// A sentence that ends in a colon introduces what follows ("the factors to be considered shall include:"):
    /// the quote runs on through the following items of the same passage, up to a sentence end or a length cap.
    /// </summary>
    private static ScoredSentence ExtendLeadIn(ScoredSentence chosen, string passage)
    {
        var range = chosen.Sentence.Range;
        if (passage[range.End - 1] != ':')
        {
            return chosen;
        }

        var end = range.End;
        foreach (var next in SentenceSplitter.Split(passage[range.End..]))
        {
            var nextEnd = range.End + next.End;
            if (nextEnd - range.Start > LeadInMaxChars)
            {
                break;
            }

            end = nextEnd;
            if (passage[nextEnd - 1] is '.' or '!' or '?')
            {
                break;
            }
        }

        var extended = new TextRange(range.Start, end);
        var text = passage[range.Start..end];
        return chosen with { Sentence = chosen.Sentence with { Range = extended, Text = text } };
    }

    internal static double Cosine(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        double dot = 0, na = 0, nb = 0;
        for (var i = 0; i < Math.Min(a.Length, b.Length); i++)
        {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }

        return na == 0 || nb == 0 ? 0 : dot / Math.Sqrt(na * nb);
    }

    internal static double Similarity(EvidenceSentence a, EvidenceSentence b)
    {
        if (string.Equals(a.Text, b.Text, StringComparison.Ordinal))
        {
            return 1;
        }

        var x = a.Terms.ToHashSet(StringComparer.Ordinal);
        var y = b.Terms.ToHashSet(StringComparer.Ordinal);
        if (x.Count == 0 || y.Count == 0)
        {
            return 0;
        }

        var common = x.Count(y.Contains);
        return (double)common / Math.Min(x.Count, y.Count);
    }

    private static int WordCount(string text)
    {
        var words = 0;
        var inWord = false;
        foreach (var c in text)
        {
            var letter = char.IsLetterOrDigit(c);
            if (letter && !inWord)
            {
                words++;
            }

            inWord = letter;
        }

        return words;
    }

    private static bool LooksLikeHeading(string sentence)
    {
        var trimmed = sentence.TrimEnd();
        return trimmed.Length > 0 && char.IsLetterOrDigit(trimmed[^1]) && WordCount(trimmed) < 10;
    }
}
