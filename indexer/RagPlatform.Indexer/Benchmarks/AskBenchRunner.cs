using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RagPlatform.Core.Answering;
using RagPlatform.Core.Diagnostics;
using RagPlatform.Core.Errors;
using RagPlatform.Core.Evaluation.Qa;
using RagPlatform.Core.Indexing;
using RagPlatform.Core.Retrieval;
using RagPlatform.Core.Text;

namespace RagPlatform.Indexer.Benchmarks;

/// <summary>
/// <c>ragp bench --ask DIR --ask-questions FILE</c>: indexes DIR, then asks each question (auto strategy) right after
/// the search it runs (the same keyword query and top), <c>--ask-rounds</c> times, timing the ask's stages from the
/// platform's own activities ("ask-retrieve", "generate"). Figures over all rounds, and of the first round alone (every
/// question but the warm-up one asked for the first time).
/// </summary>
internal static class AskBenchRunner
{
    public static async Task<AskBench> RunAsync(IServiceProvider services, string folder, string questionFile, int rounds, CancellationToken cancellationToken)
    {
        var sources = SourceEnumerator.Enumerate([folder], services.GetRequiredService<IngestionPipeline>().SupportedExtensions);
        if (sources.Count == 0)
        {
            throw new InvalidRequestException($"No documents under {folder}.");
        }

        var items = await QuestionSetLoader.LoadAsync(questionFile, cancellationToken);
        const string collection = "bench-ask";
        var summary = await services.GetRequiredService<IngestionPipeline>().IndexAsync(collection, sources, prune: false, progress: null, cancellationToken);
        var answerer = services.GetRequiredService<Answerer>();
        var retriever = services.GetRequiredService<Retriever>();
        var top = services.GetRequiredService<IOptions<AnswerOptions>>().Value.DefaultTop;

        var stages = new Dictionary<string, double>(StringComparer.Ordinal);
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == RagActivity.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = a =>
            {
                lock (stages)
                {
                    stages[a.OperationName] = stages.GetValueOrDefault(a.OperationName) + a.Duration.TotalMilliseconds;
                }
            },
        };
        ActivitySource.AddActivityListener(listener);

        // Warm-up: the first question once, untimed (JIT, index readers, the model session), as eval-qa does. The
        // first round then meets every other question cold; later rounds repeat them (a server's repeated questions).
        await AskAsync(answerer, retriever, items[0].Question, collection, top, stages, cancellationToken);

        var asks = new List<AskStages>();
        var spans = new Dictionary<string, double>(StringComparer.Ordinal);
        var searches = new List<double>();
        for (var round = 0; round < Math.Max(1, rounds); round++)
        {
            foreach (var item in items)
            {
                var (searchMs, askMs) = await AskAsync(answerer, retriever, item.Question, collection, top, stages, cancellationToken);
                double retrieve, compose;
                lock (stages)
                {
                    retrieve = stages.GetValueOrDefault("ask-retrieve");
                    compose = stages.GetValueOrDefault("generate");
                    foreach (var (name, ms) in stages)
                    {
                        spans[name] = spans.GetValueOrDefault(name) + ms;
                    }
                }

                searches.Add(searchMs);
                asks.Add(new AskStages(retrieve, compose, Math.Max(0, askMs - retrieve - compose), askMs));
            }
        }

        var firstRound = asks.Take(items.Count).Select(a => a.Total).Order().ToList();
        var firstSearch = searches.Take(items.Count).Order().ToList();
        var total = asks.Select(a => a.Total).Order().ToList();
        var search = searches.Order().ToList();
        return new AskBench(
            summary.Added + summary.Updated + summary.Unchanged, items.Count, Math.Max(1, rounds), services.GetService<Microsoft.Extensions.AI.IEmbeddingGenerator<string, Microsoft.Extensions.AI.Embedding<float>>>() is not null,
            new AskStages(Mean(asks, a => a.Retrieve), Mean(asks, a => a.Compose), Mean(asks, a => a.Other), Mean(asks, a => a.Total)),
            new AskStages(P95(asks, a => a.Retrieve), P95(asks, a => a.Compose), P95(asks, a => a.Other), P95(asks, a => a.Total)),
            Percentile(total, 0.50), Percentile(total, 0.95), Percentile(search, 0.50), Percentile(search, 0.95),
            Math.Round(Percentile(total, 0.95) / Math.Max(Percentile(search, 0.95), 1e-6), 2),
            new AskRound(Percentile(firstRound, 0.50), Percentile(firstRound, 0.95), Percentile(firstSearch, 0.50), Percentile(firstSearch, 0.95),
                Math.Round(Percentile(firstRound, 0.95) / Math.Max(Percentile(firstSearch, 0.95), 1e-6), 2)),
            spans.OrderBy(p => p.Key, StringComparer.Ordinal).ToDictionary(p => p.Key, p => Math.Round(p.Value / Math.Max(1, asks.Count), 3), StringComparer.Ordinal));
    }

    private static async Task<(double SearchMs, double AskMs)> AskAsync(
        Answerer answerer, Retriever retriever, string question, string collection, int top, Dictionary<string, double> stages, CancellationToken cancellationToken)
    {
        // The query the passages strategy sends: the question's keywords.
        var keywords = Terms.Keywords(question);
        var clock = Stopwatch.StartNew();
        await retriever.SearchAsync(new SearchRequest(keywords.Length == 0 ? question : keywords, collection, top), cancellationToken);
        var searchMs = clock.Elapsed.TotalMilliseconds;
        lock (stages)
        {
            // Only the ask's own spans are counted from here on.
            stages.Clear();
        }

        clock.Restart();
        await answerer.AskAsync(new AskRequest(question, collection), cancellationToken);
        return (searchMs, clock.Elapsed.TotalMilliseconds);
    }

    private static double Mean(List<AskStages> asks, Func<AskStages, double> stage) => asks.Count == 0 ? 0 : Math.Round(asks.Average(stage), 3);

    private static double P95(List<AskStages> asks, Func<AskStages, double> stage) => Percentile([.. asks.Select(stage).Order()], 0.95);

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? 0 : Math.Round(sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)], 3);
}
