using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using RagPlatform.Core.Diagnostics;
using RagPlatform.Core.Embeddings;
using RagPlatform.Core.Errors;
using RagPlatform.Core.Indexing;
using RagPlatform.Core.Retrieval;

namespace RagPlatform.Indexer.Benchmarks;

/// <summary>
/// Indexes the first records of a BEIR corpus with the configured embedding model, then runs its test queries through
/// <see cref="Retriever"/> one at a time, timing each stage from the retriever's own activities (encode, bm25, dense,
/// dense-exact, filter, fuse, rerank, fetch) and the whole call.
/// </summary>
internal static class QueryStageBenchmark
{
    /// <summary>The stages the issue names, printed even when a query skips one (then 0 ms).</summary>
    private static readonly string[] s_stages = ["encode", "bm25", "dense", "fuse", "rerank", "fetch"];

    public static async Task<StageBench> RunAsync(IServiceProvider services, string folder, int records, int maxQueries, CancellationToken cancellationToken)
    {
        var embedder = services.GetService<ITokenVectorEncoder>()
            ?? throw new InvalidRequestException("--query needs an embedding model (Embedding:Enabled=true): it times hybrid+rerank.");
        const string collection = "bench-query";
        const int top = 10;
        var corpus = (await BeirFiles.ReadCorpusAsync(folder, cancellationToken)).Take(Math.Max(1, records)).ToList();
        var queries = (await BeirFiles.ReadQueriesAsync(folder, "test", cancellationToken)).Take(Math.Max(1, maxQueries)).ToList();
        var clock = Stopwatch.StartNew();
        var summary = await services.GetRequiredService<IngestionPipeline>().IndexRecordsAsync(collection, corpus, singleChunk: true, progress: null, cancellationToken);
        var indexSeconds = clock.Elapsed.TotalSeconds;

        var retriever = services.GetRequiredService<Retriever>();
        var current = new ConcurrentDictionary<string, double>(StringComparer.Ordinal);
        // Stages are the retriever's top-level spans; a span inside another (none today) is timed but not summed twice.
        var topLevel = new ConcurrentBag<double>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == RagActivity.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = activity =>
            {
                var ms = activity.Duration.TotalMilliseconds;
                current.AddOrUpdate(activity.OperationName, ms, (_, sum) => sum + ms);
                if (activity.Parent is null)
                {
                    topLevel.Add(ms);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);

        // Warm-up: the first queries pay for JIT, the ONNX session's first runs and Lucene's first reads.
        foreach (var query in queries.Take(10))
        {
            await retriever.SearchAsync(new SearchRequest(query, collection, top, SearchPipeline.HybridRerank), cancellationToken);
        }

        var perStage = new Dictionary<string, List<double>>(StringComparer.Ordinal);
        var totals = new List<double>(queries.Count);
        var sums = new List<double>(queries.Count);
        foreach (var query in queries)
        {
            current.Clear();
            topLevel.Clear();
            clock.Restart();
            await retriever.SearchAsync(new SearchRequest(query, collection, top, SearchPipeline.HybridRerank), cancellationToken);
            totals.Add(clock.Elapsed.TotalMilliseconds);
            sums.Add(topLevel.Sum());
            foreach (var stage in s_stages.Union(current.Keys))
            {
                if (!perStage.TryGetValue(stage, out var list))
                {
                    // A stage first seen late (dense-exact) counts 0 ms for the queries before it.
                    perStage[stage] = list = [.. Enumerable.Repeat(0.0, totals.Count - 1)];
                }

                list.Add(current.GetValueOrDefault(stage));
            }
        }

        var stageSum = sums.Average();
        return new StageBench(
            SearchPipeline.HybridRerank, embedder.Model.Name, corpus.Count, summary.Chunks, Math.Round(indexSeconds, 3), queries.Count, top,
            perStage.ToDictionary(p => p.Key, p => Timing(p.Value), StringComparer.Ordinal),
            Timing(totals),
            Math.Round(stageSum, 3),
            Math.Round(totals.Average() / stageSum, 3));
    }

    private static StageTiming Timing(List<double> values)
    {
        var sorted = values.Order().ToList();
        return new StageTiming(Math.Round(values.Average(), 3), Percentile(sorted, 0.50), Percentile(sorted, 0.95));
    }

    private static double Percentile(List<double> sorted, double p)
        => sorted.Count == 0 ? 0 : Math.Round(sorted[Math.Min(sorted.Count - 1, Math.Max(0, (int)Math.Ceiling(p * sorted.Count) - 1))], 3);
}
