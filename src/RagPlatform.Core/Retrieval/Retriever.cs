using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using RagPlatform.Core.Collections;
using RagPlatform.Core.Diagnostics;
using RagPlatform.Core.Embeddings;
using RagPlatform.Core.Errors;
using RagPlatform.Core.Indexing;
using RagPlatform.Core.Storage;

namespace RagPlatform.Core.Retrieval;

/// <summary>
/// Runs a search pipeline over a collection and serves only documents that every store committed. The dense
/// pipelines need an embedding generator and a vector index; hybrid+rerank also a late-interaction store. When
/// they are not registered, those pipelines are refused with a clear error and bm25 still works. With a
/// <see cref="SecondDenseRetriever"/> registered, hybrid and hybrid+rerank fuse three lists (BM25 and both encoders).
/// </summary>
public sealed class Retriever(
    ILexicalSearcher lexical,
    IMetadataStore store,
    IOptions<SearchOptions> options,
    TimeProvider time,
    IndexHealth health,
    IEmbeddingGenerator<string, Embedding<float>>? embedder = null,
    IVectorIndex? vectors = null,
    ITokenVectorEncoder? tokenEncoder = null,
    ILateInteractionIndex? late = null,
    SecondDenseRetriever? second = null)
{
    private readonly SearchOptions _options = options.Value;

    /// <summary>Validates the request, runs the pipeline and returns the ranked hits.</summary>
    public async Task<SearchResponse> SearchAsync(SearchRequest request, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var query = ValidateQuery(request.Query);
        var collection = CollectionName.Validate(request.Collection);
        var top = request.Top ?? _options.DefaultTop;
        if (top < 1 || top > _options.MaxTop)
        {
            throw new InvalidRequestException($"top must be between 1 and {_options.MaxTop}; got {top}.");
        }

        // The configured default falls back to bm25 in a host without an embedding model; an explicit choice does not.
        var pipeline = request.Pipeline is null && (embedder is null || vectors is null)
            ? SearchPipeline.Bm25
            : SearchPipeline.Parse(request.Pipeline, _options.DefaultPipeline);
        CheckPipelineAvailable(pipeline);
        if (await store.GetCollectionAsync(collection, cancellationToken) is null)
        {
            throw new NotFoundException($"No collection named '{collection}'.");
        }

        health.ThrowIfDamaged(collection);
        List<SearchHit> served;
        try
        {
            var scope = new Scope(top, request.Documents);
            served = pipeline == SearchPipeline.Bm25
                ? await SearchBm25Async(collection, query, scope, request.Explain, cancellationToken)
                : await SearchDenseAsync(pipeline, collection, query, scope, request.Explain, cancellationToken);
        }
        catch (IndexUnavailableException ex) when (!ex.IsTransient)
        {
            // Damage found on a read: health turns Degraded and this collection answers 503 until it is rebuilt.
            health.MarkDamaged(collection, ex.Message);
            throw;
        }

        var tookMs = time.GetElapsedTime(started).TotalMilliseconds;
        RagMetrics.SearchDuration.Record(tookMs, new KeyValuePair<string, object?>("pipeline", pipeline));
        return new SearchResponse(request.Query, collection, pipeline, Math.Round(tookMs, 3), served);
    }

    private async Task<List<SearchHit>> SearchBm25Async(string collection, string query, Scope scope, bool explain, CancellationToken cancellationToken)
    {
        var top = scope.Depth;
        // Ask for a few more than wanted: matches of documents that are mid-update are filtered out below. Matches are ids
        // and scores; only the hits served are built (stored fields, snippet).
        IReadOnlyList<LexicalMatch> matches;
        using (RagActivity.Source.StartActivity("bm25"))
        {
            matches = lexical.Match(collection, query, top + 16, cancellationToken);
        }

        IReadOnlySet<Guid> servable;
        using (RagActivity.Source.StartActivity("filter"))
        {
            servable = await store.GetIndexedIdsAsync([.. matches.Select(h => h.DocumentId).Distinct()], cancellationToken);
        }

        var chosen = scope.Keep(matches.Where(m => servable.Contains(m.DocumentId)).Take(top), m => m.DocumentId)
            .ToDictionary(m => m.ChunkId, m => m.Score, StringComparer.Ordinal);
        using (RagActivity.Source.StartActivity("fetch"))
        {
            return [.. lexical.Fetch(collection, query, [.. chosen.Keys], explain, cancellationToken)
                .Select(hit => hit with { Score = chosen[hit.ChunkId], Scores = new HitScores { Bm25 = chosen[hit.ChunkId] } })];
        }
    }

    private async Task<List<SearchHit>> SearchDenseAsync(string pipeline, string collection, string query, Scope scope, bool explain, CancellationToken cancellationToken)
    {
        var top = scope.Depth;
        var depth = Math.Max(top, _options.CandidateDepth);
        var model = DenseIndexWriter.ModelIdentity(embedder!);
        IReadOnlyList<VectorMatch> dense;
        float[]? queryTokens = null;
        IReadOnlyList<ReadOnlyMemory<float>> queryVectors;
        using (RagActivity.Source.StartActivity("encode"))
        {
            // A long query is scored in encoder-sized windows: a chunk's dense score is its best window's.
            var windows = QueryWindows.Split(query, _options.QueryWindowWords, _options.MaxQueryWindows);
            if (pipeline == SearchPipeline.HybridRerank)
            {
                // One encoder pass gives both the query's sentence vectors and its token vectors; MaxSim runs over
                // the tokens of every window.
                var encoded = tokenEncoder!.EncodeTokens(windows, true, cancellationToken);
                queryVectors = [.. encoded.Pooled.Select(v => (ReadOnlyMemory<float>)v)];
                queryTokens = encoded.Vectors.Count == 1 ? encoded.Vectors[0] : [.. encoded.Vectors.SelectMany(v => v)];
            }
            else
            {
                queryVectors = [.. (await embedder!.GenerateAsync(windows, EmbeddingPurpose.ForQueries(), cancellationToken)).Select(e => e.Vector)];
            }
        }

        using (RagActivity.Source.StartActivity("dense"))
        {
            dense = queryVectors.Count == 1
                ? vectors!.Search(collection, model, queryVectors[0].Span, depth + 16)
                : BestOverWindows(collection, model, queryVectors, depth + 16);
        }

        IReadOnlyList<LexicalMatch> bm25 = [];
        if (pipeline != SearchPipeline.Dense)
        {
            using var activity = RagActivity.Source.StartActivity("bm25");
            bm25 = lexical.Match(collection, query, depth + 16, cancellationToken);
        }

        // Three-way fusion: the second encoder's own candidates join the union, and every candidate gets its score.
        IReadOnlyList<ReadOnlyMemory<float>> secondVectors = [];
        IReadOnlyList<VectorMatch> secondDense = [];
        EmbeddingModelIdentity? secondModel = null;
        // A long query (more dense windows than SecondDenseMaxQueryWindows) fuses without it: measured worse there (ADR 0018).
        if (second is not null && pipeline != SearchPipeline.Dense && queryVectors.Count <= _options.SecondDenseMaxQueryWindows)
        {
            using var activity = RagActivity.Source.StartActivity("dense2");
            secondModel = DenseIndexWriter.ModelIdentity(second.Generator);
            var windows = QueryWindows.Split(query, _options.QueryWindowWords, _options.MaxQueryWindows);
            secondVectors = [.. (await second.Generator.GenerateAsync(windows, EmbeddingPurpose.ForQueries(), cancellationToken)).Select(e => e.Vector)];
            secondDense = BestOverWindows(second.Vectors, collection, secondModel, secondVectors, depth + 16);
        }

        IReadOnlySet<Guid> servable;
        using (RagActivity.Source.StartActivity("filter"))
        {
            servable = await store.GetIndexedIdsAsync(
                [.. bm25.Select(h => h.DocumentId).Concat(dense.Select(d => d.DocumentId)).Concat(secondDense.Select(d => d.DocumentId)).Distinct()], cancellationToken);
        }

        var lexicalHits = bm25.Where(h => servable.Contains(h.DocumentId)).Take(depth).ToList();
        var denseHits = dense.Where(d => servable.Contains(d.DocumentId)).Take(depth).ToList();
        var candidates = new Dictionary<string, Candidate>(StringComparer.Ordinal);
        foreach (var hit in lexicalHits)
        {
            candidates[hit.ChunkId] = new Candidate(hit.ChunkId, hit.DocumentId) { Bm25 = hit.Score };
        }

        foreach (var match in denseHits)
        {
            if (!candidates.TryGetValue(match.ChunkId, out var candidate))
            {
                candidates[match.ChunkId] = candidate = new Candidate(match.ChunkId, match.DocumentId);
            }

            candidate.Dense = match.Score;
        }

        foreach (var match in secondDense.Where(d => servable.Contains(d.DocumentId)).Take(depth))
        {
            candidates.TryAdd(match.ChunkId, new Candidate(match.ChunkId, match.DocumentId));
        }

        // Every candidate of the union gets an exact dense score (BM25's own finds too, and each window's similarity
        // for a long query), so fusion compares like with like instead of counting a missing score as the worst.
        if (queryVectors.Count > 1 || candidates.Values.Any(c => c.Dense is null))
        {
            using var activity = RagActivity.Source.StartActivity("dense-exact");
            var ids = candidates.Keys.ToList();
            var perWindow = queryVectors.Select(v => vectors!.Score(collection, model, v.Span, ids)).ToList();
            foreach (var (id, score) in WindowScores.Aggregate(perWindow, _options.WindowAggregation))
            {
                candidates[id].Dense = score;
            }

            if (perWindow.Count > 1)
            {
                foreach (var candidate in candidates.Values)
                {
                    candidate.Windows = [.. perWindow.Select(w => w.TryGetValue(candidate.ChunkId, out var s) ? s : double.NaN)];
                }
            }
        }

        if (secondModel is not null)
        {
            using var activity = RagActivity.Source.StartActivity("dense2-exact");
            var ids = candidates.Keys.ToList();
            var perWindow = secondVectors.Select(v => second!.Vectors.Score(collection, secondModel, v.Span, ids)).ToList();
            foreach (var (id, score) in WindowScores.Aggregate(perWindow, _options.WindowAggregation))
            {
                candidates[id].Dense2 = score;
            }
        }

        List<Candidate> ranked;
        if (pipeline == SearchPipeline.Dense)
        {
            ranked = [.. candidates.Values.Where(c => c.Dense is not null).OrderByDescending(c => c.Dense).ThenBy(c => c.ChunkId, StringComparer.Ordinal)];
            ranked.ForEach(c => c.Final = c.Dense!.Value);
        }
        else
        {
            // Its own span, closed before rerank opens one: `ragp bench --query` sums the stages.
            using (RagActivity.Source.StartActivity("fuse"))
            {
                var fused = Fuse(
                    candidates.Values.Where(c => c.Bm25 is not null).ToDictionary(c => c.ChunkId, c => c.Bm25!.Value, StringComparer.Ordinal),
                    candidates.Values.Where(c => c.Dense is not null).ToDictionary(c => c.ChunkId, c => c.Dense!.Value, StringComparer.Ordinal),
                    secondModel is null ? null : candidates.Values.Where(c => c.Dense2 is not null).ToDictionary(c => c.ChunkId, c => c.Dense2!.Value, StringComparer.Ordinal),
                    queryVectors.Count > 1);
                foreach (var (id, score) in fused)
                {
                    candidates[id].Fused = score;
                    candidates[id].Final = score;
                }

                ranked = [.. candidates.Values.OrderByDescending(c => c.Final).ThenBy(c => c.ChunkId, StringComparer.Ordinal)];
            }

            if (pipeline == SearchPipeline.HybridRerank && queryVectors.Count <= _options.RerankMaxQueryWindows)
            {
                ranked = Rerank(collection, queryTokens!, ranked);
            }
        }

        // Only the hits served are built (stored fields, snippet); fusion ran on ids and scores.
        var chosen = scope.Keep(ranked.Take(top), c => c.DocumentId).ToDictionary(c => c.ChunkId, StringComparer.Ordinal);
        using (RagActivity.Source.StartActivity("fetch"))
        {
            return [.. lexical.Fetch(collection, query, [.. chosen.Keys], explain, cancellationToken).Select(hit =>
            {
                var c = chosen[hit.ChunkId];
                return hit with
                {
                    Score = c.Final,
                    Scores = new HitScores { Bm25 = c.Bm25, Dense = c.Dense, Dense2 = c.Dense2, Late = c.Late, Fused = c.Fused, Rerank = c.Rerank, DenseWindows = c.Windows },
                };
            })];
        }
    }

    private List<VectorMatch> BestOverWindows(string collection, EmbeddingModelIdentity model, IReadOnlyList<ReadOnlyMemory<float>> windows, int top) =>
        BestOverWindows(vectors!, collection, model, windows, top);

    private static List<VectorMatch> BestOverWindows(IVectorIndex index, string collection, EmbeddingModelIdentity model, IReadOnlyList<ReadOnlyMemory<float>> windows, int top)
    {
        var best = new Dictionary<string, VectorMatch>(StringComparer.Ordinal);
        foreach (var window in windows)
        {
            foreach (var match in index.Search(collection, model, window.Span, top))
            {
                if (!best.TryGetValue(match.ChunkId, out var seen) || match.Score > seen.Score)
                {
                    best[match.ChunkId] = match;
                }
            }
        }

        return [.. best.Values.OrderByDescending(m => m.Score).ThenBy(m => m.ChunkId, StringComparer.Ordinal).Take(top)];
    }

    private Dictionary<string, double> Fuse(Dictionary<string, double> bm25, Dictionary<string, double> dense, Dictionary<string, double>? dense2, bool longQuery)
    {
        double[] weights = [longQuery ? _options.LongQueryBm25Weight : _options.Bm25Weight, _options.DenseWeight];
        IReadOnlyDictionary<string, double>[] lists = [bm25, dense];
        if (dense2 is not null)
        {
            weights = [.. weights, _options.SecondDenseWeight];
            lists = [.. lists, dense2];
        }

        return _options.Fusion switch
        {
            "minmax" => ScoreFusion.MinMax(lists, weights),
            "zscore" => ScoreFusion.ZScore(lists, weights),
            "quantile" => ScoreFusion.Quantile(lists, weights),
            _ => ScoreFusion.ReciprocalRank(
                [.. lists.Select(l => (IReadOnlyList<string>)[.. l.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key)])],
                weights,
                _options.RrfK),
        };
    }

    private List<Candidate> Rerank(string collection, float[] queryTokens, List<Candidate> ranked)
    {
        using var activity = RagActivity.Source.StartActivity("rerank");
        var head = ranked.Take(_options.RerankDepth).ToList();
        var lateScores = late!.Score(collection, tokenEncoder!.Model, queryTokens, [.. head.Select(c => c.ChunkId)]);
        foreach (var candidate in head)
        {
            candidate.Late = lateScores.TryGetValue(candidate.ChunkId, out var s) ? s : null;
        }

        var combined = ScoreFusion.MinMax(
            [head.ToDictionary(c => c.ChunkId, c => c.Fused ?? 0), lateScores],
            [1 - _options.RerankWeight, _options.RerankWeight]);
        foreach (var candidate in head)
        {
            candidate.Rerank = combined.GetValueOrDefault(candidate.ChunkId);
            candidate.Final = candidate.Rerank.Value;
        }

        return [.. head.OrderByDescending(c => c.Final).ThenBy(c => c.ChunkId, StringComparer.Ordinal), .. ranked.Skip(head.Count)];
    }

    private void CheckPipelineAvailable(string pipeline)
    {
        if (pipeline == SearchPipeline.Bm25)
        {
            return;
        }

        if (embedder is null || vectors is null)
        {
            throw new InvalidRequestException(
                $"The pipeline '{pipeline}' needs an embedding model and a dense index, and none is configured in this host (AddRagOnnx); use '{SearchPipeline.Bm25}'.");
        }

        if (pipeline == SearchPipeline.HybridRerank && (tokenEncoder is null || late is null))
        {
            throw new InvalidRequestException(
                $"The pipeline '{pipeline}' needs a late-interaction token store, and none is configured in this host; use '{SearchPipeline.Hybrid}'.");
        }
    }

    private string ValidateQuery(string? query)
    {
        var trimmed = query?.Trim() ?? string.Empty;
        if (trimmed.Length == 0)
        {
            throw new InvalidRequestException("The query is empty.");
        }

        if (trimmed.Length > _options.MaxQueryChars)
        {
            throw new InvalidRequestException(
                $"The query is {trimmed.Length:N0} characters long; the limit is {_options.MaxQueryChars:N0} (Search:MaxQueryChars).");
        }

        return trimmed;
    }

    private sealed class Candidate(string chunkId, Guid documentId)
    {
        public string ChunkId { get; } = chunkId;

        public Guid DocumentId { get; } = documentId;

        public double? Bm25 { get; init; }

        public double? Dense { get; set; }

        public double? Dense2 { get; set; }

        public double? Late { get; set; }

        public double? Fused { get; set; }

        public double? Rerank { get; set; }

        public IReadOnlyList<double>? Windows { get; set; }

        public double Final { get; set; }
    }

    /// <summary>
    /// How deep a search ranks and which of the ranked hits it serves: the first <c>Top</c>, or, scoped to documents,
    /// the scoped hits among the first <see cref="SearchRequest.ScopeDepthFactor"/> × <c>Top</c>.
    /// </summary>
    private readonly record struct Scope(int Top, IReadOnlyCollection<Guid>? Documents)
    {
        public int Depth => Documents is { Count: > 0 } ? Math.Min(Top * SearchRequest.ScopeDepthFactor, Math.Max(Top, SearchRequest.MaxScopeDepth)) : Top;

        public IEnumerable<T> Keep<T>(IEnumerable<T> ranked, Func<T, Guid> documentOf) =>
            Documents is { Count: > 0 } documents ? ranked.Where(r => documents.Contains(documentOf(r))).Take(Top) : ranked;
    }
}
