using RagPlatform.Core.Evaluation;
using Xunit;

namespace RagPlatform.Tests.Evaluation;

public sealed class RetrievalMetricsTests
{
    private static readonly Dictionary<string, int> s_judged = new() { ["d1"] = 2, ["d2"] = 1, ["d3"] = 0, ["d4"] = 1 };

    [Fact]
    public void Ndcg_matches_hand_computed_value()
    {
        // ranked: d3(0) d1(2) x(unjudged) d2(1)
        // DCG@10 = 0/log2(2) + 2/log2(3) + 0/log2(4) + 1/log2(5) = 1.2618595 + 0.4306766 = 1.6925361
        // ideal: 2,1,1 -> 2/1 + 1/log2(3) + 1/log2(4) = 2 + 0.6309298 + 0.5 = 3.1309298
        // nDCG@10 = 1.6925361 / 3.1309298 = 0.5405855
        var ndcg = RetrievalMetrics.NdcgAt(["d3", "d1", "x", "d2"], s_judged, 10);
        Assert.Equal(0.5405855, ndcg, 6);
    }

    [Fact]
    public void Ndcg_cuts_both_ranking_and_ideal_at_k()
    {
        // k = 2: DCG = 0 + 2/log2(3) = 1.2618595; ideal = 2 + 1/log2(3) = 2.6309298; ratio = 0.4796249
        Assert.Equal(0.4796249, RetrievalMetrics.NdcgAt(["d3", "d1", "x", "d2"], s_judged, 2), 6);
    }

    [Fact]
    public void Recall_counts_relevant_in_top_k_over_all_relevant()
    {
        // relevant (rel > 0): d1, d2, d4 = 3. Top 3 of [d3, d1, x, d2] holds d1 only -> 1/3; top 4 holds d1, d2 -> 2/3.
        Assert.Equal(1.0 / 3, RetrievalMetrics.RecallAt(["d3", "d1", "x", "d2"], s_judged, 3), 9);
        Assert.Equal(2.0 / 3, RetrievalMetrics.RecallAt(["d3", "d1", "x", "d2"], s_judged, 4), 9);
    }

    [Fact]
    public void Mrr_is_reciprocal_rank_of_first_relevant_within_k()
    {
        // d3 has relevance 0, so the first relevant is d1 at rank 2 -> 0.5; with k = 1 nothing relevant -> 0.
        Assert.Equal(0.5, RetrievalMetrics.ReciprocalRankAt(["d3", "d1"], s_judged, 10));
        Assert.Equal(0.0, RetrievalMetrics.ReciprocalRankAt(["d3", "d1"], s_judged, 1));
    }

    [Fact]
    public void Empty_ranking_scores_zero()
    {
        Assert.Equal(0.0, RetrievalMetrics.NdcgAt([], s_judged, 10));
        Assert.Equal(0.0, RetrievalMetrics.RecallAt([], s_judged, 100));
        Assert.Equal(0.0, RetrievalMetrics.ReciprocalRankAt([], s_judged, 10));
    }

    [Fact]
    public void Rank_like_trec_eval_breaks_ties_by_doc_id_descending()
    {
        var ranked = RetrievalMetrics.RankLikeTrecEval(
            [new("a", 1.0), new("c", 2.0), new("b", 1.0), new("B", 1.0)]);
        // "b" > "a" > "B" byte-wise (0x62 > 0x61 > 0x42).
        Assert.Equal(["c", "b", "a", "B"], ranked);
    }

    [Fact]
    public void Percentiles_are_nearest_rank()
    {
        // n = 10: p50 -> rank ceil(5) = 5 -> 5; p95 -> ceil(9.5) = 10 -> 10; p99 -> ceil(9.9) = 10 -> 10.
        var stats = LatencyStats.From([10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
        Assert.Equal(new LatencyStats(5, 10, 10), stats);
        Assert.Equal(new LatencyStats(0, 0, 0), LatencyStats.From([]));
    }
}
