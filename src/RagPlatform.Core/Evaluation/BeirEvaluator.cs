using System.Diagnostics;
using RagPlatform.Core.Errors;

namespace RagPlatform.Core.Evaluation;

/// <summary>Scores a BEIR dataset against a search function that returns ranked corpus ids.</summary>
public sealed class BeirEvaluator
{
    /// <summary>Retrieval depth: enough for Recall@100.</summary>
    public const int Depth = 100;

    /// <summary>
    /// Runs every judged query through <paramref name="search"/> (query text, depth, token → ranked corpus ids),
    /// timing each call, and averages nDCG@10, Recall@100 and MRR@10 over the queries (no result scores 0). A query
    /// the search refuses (too long, nothing searchable) scores 0 and is counted and listed, never ending the run.
    /// </summary>
    public async Task<EvalReport> EvaluateAsync(
        BeirDataset data,
        Func<string, int, CancellationToken, Task<IReadOnlyList<string>>> search,
        string pipeline,
        int chunks,
        double indexSeconds,
        string? model,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(search);
        double ndcg = 0, recall = 0, mrr = 0;
        var latencies = new List<double>(data.Queries.Count);
        var failures = new List<QueryFailure>();
        foreach (var query in data.Queries)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var started = Stopwatch.GetTimestamp();
            IReadOnlyList<string> ranked;
            try
            {
                ranked = await search(query.Text, Depth, cancellationToken).ConfigureAwait(false);
            }
            catch (RagPlatformException ex) when (ex is InvalidRequestException or DocumentFormatException)
            {
                failures.Add(new QueryFailure(query.Id, query.Text.Length, ex.Message));
                continue;
            }

            latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            var judged = data.Qrels[query.Id];
            ndcg += RetrievalMetrics.NdcgAt(ranked, judged, 10);
            recall += RetrievalMetrics.RecallAt(ranked, judged, 100);
            mrr += RetrievalMetrics.ReciprocalRankAt(ranked, judged, 10);
        }

        var n = Math.Max(1, data.Queries.Count);
        return new EvalReport
        {
            Dataset = data.Name,
            Split = data.Split,
            Pipeline = pipeline,
            Queries = data.Queries.Count,
            Docs = data.Corpus.Count,
            Chunks = chunks,
            NdcgAt10 = ndcg / n,
            RecallAt100 = recall / n,
            MrrAt10 = mrr / n,
            LatencyMs = LatencyStats.From(latencies),
            IndexSeconds = indexSeconds,
            Model = model,
            FailedQueries = failures.Count,
            Failures = failures,
            QueryChars = LatencyStats.From([.. data.Queries.Select(q => (double)q.Text.Length)]),
        };
    }
}
