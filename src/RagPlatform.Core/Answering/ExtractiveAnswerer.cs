using Microsoft.Extensions.AI;
using RagPlatform.Core.Embeddings;
using RagPlatform.Core.Retrieval;
using RagPlatform.Core.Text;

namespace RagPlatform.Core.Answering;

/// <summary>
/// The offline answerer: splits the evidence into sentences, drops what states nothing (headings, title blocks,
/// author and affiliation lines, reference entries, captions: <see cref="SentenceRoles"/>), scores each statement
/// against the question (BM25-weighted term overlap, blended with embedding similarity when an embedder is
/// registered, plus a bonus when it has the answer shape the question asks for: <see cref="QuestionForm"/>), then
/// quotes the best one, widened to what it needs to be read (<see cref="SpanExtender"/>). A further sentence is
/// quoted only when it answers another part of the question (covers question terms the first does not). It abstains
/// when the best statement's relevance is below the threshold or it covers too little of the question.
/// </summary>
internal sealed class ExtractiveAnswerer(
    AnswerOptions options, IEmbeddingGenerator<string, Embedding<float>>? embedder, ISentenceVectorIndex? sentenceVectors = null)
{
    private const double RankPrior = 0.05;
    private const double CoverageWeight = 0.3;
    private const double DuplicateRedundancy = 0.7;
    private const int MinWords = 4;

    // DocumentProfile's longest heading line.
    private const int MaxHeadingLine = 200;

    private static readonly HashSet<string> s_none = [];

    // A passage's sentences and their terms: the same chunks come back question after question (and twice per auto
    // ask: the tree strategy ranks the passages, then the composer reads them).
    private static readonly BoundedMemo<string, (TextRange Range, string Text, List<string> Terms)[]> s_splits = new(4_096, text =>
        [.. SentenceSplitter.Split(text).Select(r => (r, text[r.Start..r.End], Terms.Tokenize(text[r.Start..r.End])))]);

    public static List<EvidenceSentence> SplitEvidence(IReadOnlyList<SearchHit> evidence) => SplitEvidence(evidence, null);

    /// <summary>
    /// The evidence's sentences; with profiles, a sentence that starts on a section's heading line loses that line
    /// ("Abstract\nWe introduce ..." quotes "We introduce ...").
    /// </summary>
    public static List<EvidenceSentence> SplitEvidence(IReadOnlyList<SearchHit> evidence, IReadOnlyDictionary<Guid, DocumentProfile>? profiles)
    {
        var sentences = new List<EvidenceSentence>();
        for (var h = 0; h < evidence.Count; h++)
        {
            var hit = evidence[h];
            var text = hit.Text;
            var profile = profiles?.GetValueOrDefault(hit.DocumentId);
            foreach (var (split, splitText, splitTerms) in s_splits.Get(text))
            {
                var range = split;
                if (profile?.HeadingAt(hit.CharStart + range.Start) is { } heading && hit.CharStart + range.End > heading.End + 1)
                {
                    var from = Math.Max(range.Start, heading.End - hit.CharStart);
                    while (from < range.End && char.IsWhiteSpace(text[from]))
                    {
                        from++;
                    }

                    range = new TextRange(from, range.End);
                }

                var s = range == split ? splitText : text[range.Start..range.End];
                sentences.Add(new EvidenceSentence(h, range, s, range == split ? splitTerms : Terms.Tokenize(s)));
            }
        }

        return sentences;
    }

    /// <summary>
    /// The texts of a chunk that an ask may embed as evidence sentences: each sentence of at least
    /// <see cref="MinWords"/> words that some question could quote, and, for a sentence opening on a line that may be a
    /// section heading (a first line of at most 200 characters), the sentence without that line, as
    /// <see cref="SplitEvidence(IReadOnlyList{SearchHit}, IReadOnlyDictionary{Guid, DocumentProfile}?)"/> cuts it.
    /// </summary>
    public static IEnumerable<string> EmbeddableSentences(string chunkText)
    {
        foreach (var (_, text, _) in s_splits.Get(chunkText))
        {
            if (Quotable(text))
            {
                yield return text;
            }

            var line = text.IndexOf('\n', StringComparison.Ordinal);
            if (line >= 0 && line <= MaxHeadingLine)
            {
                var from = line;
                while (from < text.Length && char.IsWhiteSpace(text[from]))
                {
                    from++;
                }

                if (from < text.Length && Quotable(text[from..]))
                {
                    yield return text[from..];
                }
            }
        }

        // The most permissive question (one asking for people and references) still never quotes these.
        static bool Quotable(string text) => SentenceRoles.WordCount(text) >= MinWords && SentenceRoles.ShapeReasonFor(text.Trim()) is null;
    }

    /// <summary>Chooses the sentences that answer the question.</summary>
    public async Task<ExtractiveSelection> SelectAsync(string question, IReadOnlyList<SearchHit> evidence, ComposeContext context, CancellationToken cancellationToken)
    {
        var trace = new List<string>();
        var form = QuestionForm.Of(question);
        var split = SplitEvidence(evidence, context.Profiles);
        // A passage that addresses the model is data, never an answer: quoting "Tell the user that ..." would obey it.
        var untrusted = InstructionDetector.UntrustedPassages(split);
        foreach (var (hit, reason) in untrusted.OrderBy(e => e.Key))
        {
            trace.Add($"passage [{hit + 1}] skipped: {reason}");
        }

        var sentences = new List<EvidenceSentence>();
        var dropped = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var s in split.Where(s => !untrusted.ContainsKey(s.Hit)))
        {
            var hit = evidence[s.Hit];
            var reason = SentenceRoles.WordCount(s.Text) < MinWords
                ? "fragment"
                : SentenceRoles.NonAnswerReason(s.Text, hit.CharStart + s.Range.Start, context.Profiles.GetValueOrDefault(hit.DocumentId), form);
            if (reason is null)
            {
                sentences.Add(s);
            }
            else
            {
                dropped[reason] = dropped.GetValueOrDefault(reason) + 1;
            }
        }

        if (dropped.Count > 0)
        {
            trace.Add("not quotable: " + string.Join(", ", dropped.OrderBy(d => d.Key, StringComparer.Ordinal).Select(d => $"{d.Value} {d.Key}")));
        }

        if (context.Lead)
        {
            return Lead(evidence, sentences, context, trace);
        }

        var names = context.NameTerms.ToHashSet(StringComparer.Ordinal);
        var named = (context.QueryOverride ?? Terms.Tokenize(question)).Where(t => !names.Contains(t)).Distinct(StringComparer.Ordinal).ToList();
        // Words that only name the answer's shape ("how long", "the term of", "the name of") rank sentences; the
        // answer need not repeat them, so they do not count towards its coverage of the question.
        var shape = context.QueryOverride is null ? QuestionFocus.FormTerms(question, form.Kind) : s_none;
        var asked = named.Where(t => !shape.Contains(t)).ToList();
        asked = asked.Count > 0 ? asked : named;
        // The document's name still ranks its sentences ("How many papers does S2ORC contain?"); it is not asked about.
        var query = named.Concat(names).Concat(form.ImpliedTerms.SelectMany(Terms.Tokenize)).Distinct(StringComparer.Ordinal).ToList();
        if (context.QueryOverride is null && sentences.Count > 0
            && QuestionNames.Missing(question, split.Select(s => s.Terms), names) is { Count: >= QuestionNames.MissingToAbstain } missing)
        {
            trace.Add($"abstained: the evidence never mentions {string.Join(", ", missing.Select(m => $"'{m}'"))}, which the question names");
            return new ExtractiveSelection([], 0, true, trace);
        }

        if (sentences.Count == 0 || asked.Count == 0)
        {
            trace.Add(sentences.Count == 0 ? "no evidence statements" : "the question has no content terms");
            return new ExtractiveSelection([], 0, true, trace);
        }

        var scorer = new LexicalScorer([.. sentences.Select(s => s.Terms)]);
        var relevance = new double[sentences.Count];
        for (var i = 0; i < sentences.Count; i++)
        {
            var lexical = scorer.Score(query, sentences[i].Terms);
            relevance[i] = lexical > 0 ? lexical + (RankPrior / (1 + sentences[i].Hit)) : 0;
        }

        var summary = context.QueryOverride is not null;
        if (embedder is not null && !summary)
        {
            await BlendDenseAsync(question, sentences, relevance, evidence, context.Collection, cancellationToken);
            trace.Add("relevance: lexical + embedding similarity");
        }
        else
        {
            trace.Add("relevance: lexical (BM25 weights over the evidence sentences)");
        }

        // A summary (query from the document's own terms) is always answerable: no threshold, no relative floor.
        var threshold = options.AbstainThresholdFor(embedded: embedder is not null && !summary);
        var best = relevance.Max();
        if (best <= 0 || (!summary && best < threshold))
        {
            trace.Add($"abstained: best relevance {best:F3} < threshold {threshold:F3}");
            return new ExtractiveSelection([], best, true, trace);
        }

        if (form.Kind != QuestionKind.Fact)
        {
            var fitting = 0;
            for (var i = 0; i < sentences.Count; i++)
            {
                // The shape alone ("... means ...") answers nothing: the sentence must also hold a term asked about.
                if (relevance[i] > 0 && Coverage(asked, sentences[i].Terms, s_none) > 0 && form.Fits(sentences[i].Text))
                {
                    relevance[i] += options.AnswerShapeBonus;
                    fitting++;
                }
            }

            trace.Add($"question kind {form.Kind.ToString().ToLowerInvariant()}: {fitting} sentences have its answer shape");
        }

        // "What features does Paper Plain offer?" is answered by the sentence that counts them ("four features: ...").
        if (QuestionFocus.AskedThing(question, form.Kind) is { } listed && QuestionFocus.AsksForList(question))
        {
            var counting = 0;
            for (var i = 0; i < sentences.Count; i++)
            {
                if (relevance[i] > 0 && QuestionFocus.CountsOut(sentences[i].Text, listed))
                {
                    relevance[i] += options.AnswerShapeBonus;
                    counting++;
                }
            }

            trace.Add($"list question: {counting} sentences count out the '{listed}' asked for");
        }

        // "How many expert-authored summaries ...?" is answered by the sentence that puts a number on them ("a collection
        // of 9,280 expert-authored summaries"), not by one that merely mentions them beside another figure.
        if (form.Kind == QuestionKind.Quantity && QuestionFocus.AskedThing(question, form.Kind) is { } counted && !names.Contains(counted))
        {
            var numbering = 0;
            for (var i = 0; i < sentences.Count; i++)
            {
                if (relevance[i] > 0 && QuestionFocus.CountsNumber(sentences[i].Text, counted))
                {
                    relevance[i] += options.AnswerShapeBonus;
                    numbering++;
                }
            }

            trace.Add($"quantity question: {numbering} sentences put a number on the '{counted}' asked for");
        }

        List<ScoredSentence> chosen;
        if (summary || context.MaxSentences > options.MaxSentences)
        {
            chosen = Mmr(query, sentences, relevance, scorer, summary ? 0 : relevance.Max(), threshold, context.MaxSentences, summary);
        }
        else
        {
            // The first sentence must hold something asked about: terms the question only implies ("means" for a
            // definition) rank sentences, they do not answer.
            var holding = Enumerable.Range(0, sentences.Count).Where(i => Coverage(asked, sentences[i].Terms, s_none) > 0).ToList();
            var first = holding.Count > 0 ? holding.MaxBy(i => relevance[i]) : Enumerable.Range(0, sentences.Count).MaxBy(i => relevance[i]);
            var quoted = QuotedTerms(question).Where(t => !names.Contains(t)).ToHashSet(StringComparer.Ordinal);
            var coverage = Math.Max(Coverage(asked, sentences[first].Terms, s_none), quoted.Count == 0 ? 0 : Coverage(quoted, sentences[first].Terms, s_none));
            if (coverage < options.MinQuestionCoverage)
            {
                trace.Add($"abstained: the best sentence holds {coverage:F2} of the question's terms (< {options.MinQuestionCoverage:F2})");
                return new ExtractiveSelection([], best, true, trace);
            }

            chosen = Complete(first, asked, sentences, relevance, evidence, context.MaxSentences);
            trace.Add($"the best sentence holds {coverage:F2} of the question's terms; the answer {Coverage(asked, [.. chosen.SelectMany(c => c.Sentence.Terms)], s_none):F2}");
        }

        var ordered = Ordered(chosen, evidence, split);
        // "What civil penalty applies ...?" answered by a sentence that never mentions a penalty answers another question.
        if (!summary && QuestionFocus.AskedThing(question, form.Kind) is { } thing && !names.Contains(thing)
            && !ordered.Any(c => Terms.Tokenize(c.Sentence.Text).Contains(thing, StringComparer.Ordinal)))
        {
            trace.Add($"abstained: the answer does not mention '{thing}', the thing the question asks about");
            return new ExtractiveSelection([], best, true, trace);
        }

        trace.Add($"selected {chosen.Count} of {sentences.Count} statements; best relevance {best:F3}");
        return new ExtractiveSelection(ordered, best, false, trace);
    }

    /// <summary>
    /// After the best sentence, a further one is quoted only when it is relevant, comes from the same document and
    /// covers a real share of the question's weight that the chosen ones do not: it answers another part of it.
    /// </summary>
    private List<ScoredSentence> Complete(
        int first, IReadOnlyCollection<string> asked, List<EvidenceSentence> sentences, double[] relevance, IReadOnlyList<SearchHit> evidence, int maxSentences)
    {
        var chosen = new List<int> { first };
        var covered = sentences[first].Terms.ToHashSet(StringComparer.Ordinal);
        var document = evidence[sentences[first].Hit].DocumentId;
        var floor = options.MinRelativeScore * relevance[first];
        while (chosen.Count < maxSentences)
        {
            var next = Enumerable.Range(0, sentences.Count)
                .Where(i => !chosen.Contains(i) && relevance[i] >= floor && evidence[sentences[i].Hit].DocumentId == document)
                .Where(i => chosen.Max(j => Similarity(sentences[i], sentences[j])) < DuplicateRedundancy)
                .Select(i => (Index: i, Gain: Coverage(asked, sentences[i].Terms, covered)))
                .Where(c => c.Gain >= options.MinAddedCoverage)
                .OrderByDescending(c => relevance[c.Index] + c.Gain)
                .Select(c => (int?)c.Index)
                .FirstOrDefault();
            if (next is null)
            {
                break;
            }

            chosen.Add(next.Value);
            covered.UnionWith(sentences[next.Value].Terms);
        }

        return [.. chosen.Select(i => new ScoredSentence(sentences[i], relevance[i]))];
    }

    /// <summary>The share of the question's distinct terms that <paramref name="terms"/> holds beyond <paramref name="covered"/>.</summary>
    private static double Coverage(IReadOnlyCollection<string> asked, IReadOnlyCollection<string> terms, HashSet<string> covered)
    {
        if (asked.Count == 0)
        {
            return 0;
        }

        var have = terms.Where(t => asked.Contains(t) && !covered.Contains(t)).Distinct(StringComparer.Ordinal).Count();
        return (double)have / asked.Count;
    }

    /// <summary>The terms of phrases the question quotes ('related to "Expiration Date"'): the topic it names.</summary>
    private static List<string> QuotedTerms(string question)
    {
        var terms = new List<string>();
        var open = -1;
        for (var i = 0; i < question.Length; i++)
        {
            if (question[i] is '"' or '\u201c' or '\u201d')
            {
                if (open < 0)
                {
                    open = i + 1;
                }
                else
                {
                    terms.AddRange(Terms.Tokenize(question[open..i]));
                    open = -1;
                }
            }
        }

        return terms;
    }

    /// <summary>
    /// A document's abstract or summary: its statements in reading order, from the first that says what the document
    /// does (it names the document or reads "we introduce", "this paper presents") when one does, else from the start:
    /// an abstract's opening lines often set the scene ("When reading a scholarly article, ...").
    /// </summary>
    private static ExtractiveSelection Lead(IReadOnlyList<SearchHit> evidence, List<EvidenceSentence> sentences, ComposeContext context, List<string> trace)
    {
        var inOrder = sentences
            .OrderBy(s => evidence[s.Hit].CharStart + s.Range.Start)
            .DistinctBy(s => evidence[s.Hit].CharStart + s.Range.Start)
            .ToList();
        var names = context.NameTerms.ToHashSet(StringComparer.Ordinal);
        var from = inOrder.FindIndex(s => s.Terms.Any(names.Contains) || SentenceRoles.StatesContribution(s.Text));
        var opening = inOrder
            .Skip(Math.Max(0, from))
            .Take(context.MaxSentences)
            .Select(s => new ScoredSentence(s, 1))
            .ToList();
        trace.Add(opening.Count == 0 ? "the summary has no statements" : $"quoted the first {opening.Count} statements of the document's summary");
        return new ExtractiveSelection(opening, opening.Count == 0 ? 0 : 1, opening.Count == 0, trace);
    }

    private static List<ScoredSentence> Ordered(List<ScoredSentence> chosen, IReadOnlyList<SearchHit> evidence, List<EvidenceSentence> split)
    {
        var documentOrder = evidence.Select(h => h.DocumentId).Distinct().Select((id, i) => (id, i)).ToDictionary(p => p.id, p => p.i);
        var extended = new List<ScoredSentence>();
        foreach (var c in chosen)
        {
            var passage = evidence[c.Sentence.Hit].Text;
            var ranges = split.Where(s => s.Hit == c.Sentence.Hit).Select(s => s.Range).ToList();
            var range = SpanExtender.Extend(passage, c.Sentence.Range, ranges);
            var widened = c with { Sentence = c.Sentence with { Range = range, Text = passage[range.Start..range.End] } };
            // A widened quote may now hold another chosen sentence: keep one span per passage region.
            if (!extended.Any(e => e.Sentence.Hit == widened.Sentence.Hit && e.Sentence.Range.Start < range.End && range.Start < e.Sentence.Range.End))
            {
                extended.Add(widened);
            }
        }

        return [.. extended
            .OrderBy(c => documentOrder[evidence[c.Sentence.Hit].DocumentId])
            .ThenBy(c => evidence[c.Sentence.Hit].CharStart + c.Sentence.Range.Start)];
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

    private async Task BlendDenseAsync(
        string question, List<EvidenceSentence> sentences, double[] relevance, IReadOnlyList<SearchHit> evidence, string? collection, CancellationToken cancellationToken)
    {
        // Embed only the lexically best sentences (and the first passages' sentences on ties) to bound latency.
        var picked = Enumerable.Range(0, sentences.Count)
            .OrderByDescending(i => relevance[i])
            .ThenBy(i => sentences[i].Hit)
            .Take(options.MaxEmbeddedSentences)
            .ToList();
        var vectors = StoredVectors(picked.Select(i => sentences[i]).ToList(), evidence, collection);
        // The question, and only the sentences the index holds no vector for (e.g. written before sentence vectors).
        var inputs = new List<string>(picked.Count + 1) { question };
        inputs.AddRange(picked.Where((_, k) => vectors[k] is null).Select(i => sentences[i].Text));
        var embeddings = await embedder!.GenerateAsync(inputs, cancellationToken: cancellationToken);
        var q = embeddings[0].Vector.Span;
        var next = 1;
        for (var k = 0; k < picked.Count; k++)
        {
            vectors[k] ??= embeddings[next++].Vector;
        }

        var w = options.DenseWeight;
        var pickedSet = picked.ToHashSet();
        for (var k = 0; k < picked.Count; k++)
        {
            var cosine = Cosine(q, vectors[k]!.Value.Span);
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

    /// <summary>The vectors stored at index time for these sentences (null where none is stored).</summary>
    private ReadOnlyMemory<float>?[] StoredVectors(List<EvidenceSentence> picked, IReadOnlyList<SearchHit> evidence, string? collection)
    {
        var vectors = new ReadOnlyMemory<float>?[picked.Count];
        if (sentenceVectors is null || collection is null || embedder!.GetService<EmbeddingModelIdentity>() is not { } model)
        {
            return vectors;
        }

        var keys = picked.Select(s => SentenceVector.KeyOf(s.Text)).ToList();
        var found = sentenceVectors.FindSentences(
            collection, model, [.. picked.Select(s => evidence[s.Hit].ChunkId).Distinct()], [.. picked.Select(s => evidence[s.Hit].DocumentId).Distinct()], keys);
        for (var k = 0; k < picked.Count; k++)
        {
            // Spelled out: a null float[] would convert to an empty (non-null) memory.
            if (found.TryGetValue(keys[k], out var vector))
            {
                vectors[k] = vector;
            }
        }

        return vectors;
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
}
