using RagPlatform.Core.Retrieval;

namespace RagPlatform.Tests.Dense;

/// <summary>The scale-free fusions and the window aggregation that long queries need.</summary>
public sealed class RobustFusionTests
{
    [Fact]
    public void Z_score_fusion_standardizes_each_list_before_weighting()
    {
        var bm25 = new Dictionary<string, double> { ["a"] = 400, ["b"] = 30, ["c"] = 20, ["d"] = 10 };
        var dense = new Dictionary<string, double> { ["a"] = 0.50, ["b"] = 0.52, ["c"] = 0.80, ["d"] = 0.51 };

        var z = ScoreFusion.ZScore([bm25, dense], [1.0, 2.0]);

        var bm25Mean = bm25.Values.Average();
        var bm25Sd = Math.Sqrt(bm25.Values.Sum(v => (v - bm25Mean) * (v - bm25Mean)) / 4);
        var denseMean = dense.Values.Average();
        var denseSd = Math.Sqrt(dense.Values.Sum(v => (v - denseMean) * (v - denseMean)) / 4);
        foreach (var id in new[] { "a", "b", "c", "d" })
        {
            Assert.Equal(((bm25[id] - bm25Mean) / bm25Sd) + (2.0 * (dense[id] - denseMean) / denseSd), z[id], 9);
        }

        // Scaling a list changes nothing: the 5,000-character query's huge BM25 scale is gone.
        var scaled = ScoreFusion.ZScore([bm25.ToDictionary(p => p.Key, p => p.Value * 1000), dense], [1.0, 2.0]);
        Assert.All(z, p => Assert.Equal(p.Value, scaled[p.Key], 9));
    }

    [Fact]
    public void Z_score_fusion_gives_an_item_missing_from_a_list_that_lists_lowest_z()
    {
        var bm25 = new Dictionary<string, double> { ["a"] = 3, ["b"] = 1 };
        var dense = new Dictionary<string, double> { ["a"] = 0.2, ["b"] = 0.4, ["c"] = 0.9 };

        var z = ScoreFusion.ZScore([bm25, dense], [1.0, 0.0]);

        Assert.Equal(3, z.Count);
        Assert.Equal(-1.0, z["b"], 9);
        Assert.Equal(-1.0, z["c"], 9);
        Assert.Equal(1.0, z["a"], 9);
    }

    [Fact]
    public void Quantile_fusion_depends_on_ranks_only()
    {
        var small = new Dictionary<string, double> { ["a"] = 0.3, ["b"] = 0.2, ["c"] = 0.1, ["d"] = 0.0 };
        var huge = new Dictionary<string, double> { ["a"] = 9000, ["b"] = 20, ["c"] = 10, ["d"] = 1 };

        Assert.Equal(ScoreFusion.Quantile([small], [1.0]), ScoreFusion.Quantile([huge], [1.0]));
        var q = ScoreFusion.Quantile([small, new Dictionary<string, double> { ["d"] = 5, ["c"] = 1 }], [1.0, 2.0]);
        Assert.Equal(1.0, q["a"], 12);
        Assert.Equal(0.25 + 2.0, q["d"], 12);
        Assert.Equal(0.5 + 1.0, q["c"], 12);
    }

    [Fact]
    public void Window_scores_take_the_best_or_the_mean_window()
    {
        IReadOnlyDictionary<string, double>[] windows =
        [
            new Dictionary<string, double> { ["a"] = 0.9, ["b"] = 0.5 },
            new Dictionary<string, double> { ["a"] = 0.1, ["b"] = 0.6 },
        ];

        var max = WindowScores.Aggregate(windows, WindowScores.Max);
        var mean = WindowScores.Aggregate(windows, WindowScores.Mean);

        Assert.Equal(0.9, max["a"], 12);
        Assert.Equal(0.6, max["b"], 12);
        Assert.Equal(0.5, mean["a"], 12);
        Assert.Equal(0.55, mean["b"], 12);
    }
}
