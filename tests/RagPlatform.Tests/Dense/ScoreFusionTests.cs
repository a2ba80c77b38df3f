using RagPlatform.Core.Retrieval;

namespace RagPlatform.Tests.Dense;

public sealed class ScoreFusionTests
{
    [Fact]
    public void Reciprocal_rank_fusion_sums_weighted_inverse_ranks()
    {
        var fused = ScoreFusion.ReciprocalRank([["a", "b"], ["b", "c"]], [1.0, 2.0], 60);

        Assert.Equal(1.0 / 61, fused["a"], 12);
        Assert.Equal((1.0 / 62) + (2.0 / 61), fused["b"], 12);
        Assert.Equal(2.0 / 62, fused["c"], 12);
    }

    [Fact]
    public void Min_max_fusion_scales_each_list_to_unit_range()
    {
        var bm25 = new Dictionary<string, double> { ["a"] = 10, ["b"] = 5, ["c"] = 0 };
        var dense = new Dictionary<string, double> { ["b"] = 0.9, ["d"] = 0.5 };

        var fused = ScoreFusion.MinMax([bm25, dense], [1.0, 0.5]);

        Assert.Equal(1.0, fused["a"], 12);
        Assert.Equal(0.5 + 0.5, fused["b"], 12);
        Assert.Equal(0.0, fused["c"], 12);
        Assert.Equal(0.0, fused["d"], 12);
    }

    [Fact]
    public void Min_max_fusion_of_equal_scores_counts_them_fully()
    {
        var fused = ScoreFusion.MinMax([new Dictionary<string, double> { ["a"] = 3 }], [2.0]);

        Assert.Equal(2.0, fused["a"], 12);
    }
}
