using RagPlatform.Generation.Attention;
using RagPlatform.Generation.Benchmarks;
using RagPlatform.Generation.Checkpoints;

namespace RagPlatform.Generation.Tests;

/// <summary><c>ragp bench --generator</c>'s measurement loop and byte count, on the tiny random model on the CPU.</summary>
public sealed class GeneratorBenchmarkTests
{
    [Fact]
    public void The_bench_reports_every_policy_and_context_with_the_bytes_its_policy_reads()
    {
        using var model = TinyModel.Create("qwen2", 91);
        var settings = new GeneratorBenchSettings
        {
            ModelPath = model.Directory,
            Device = "cpu",
            Contexts = [24, 40],
            Policies = ["dense", "window", "hsa"],
            PromptTokens = 8,
            DecodeTokens = 6,
            PrefillContexts = [20],
            Sinks = 2,
            Window = 6,
            ChunkSize = 4,
            TopK = 1,
            BandwidthBytesPerSecond = 1e10,
        };
        var report = GeneratorBenchmark.Run(settings);
        Assert.Equal(6, report.Rows.Count);
        Assert.All(report.Rows, r => Assert.True(r.OursTokensPerSecond > 0 && r.PrefillTokensPerSecond > 0 && r.BoundTokensPerSecond > 0));
        Assert.Single(report.Prefill);
        Assert.Equal(20, report.Prefill[0].Tokens);

        using var checkpoint = Checkpoint.Open(model.Directory);
        var c = checkpoint.Config;
        long row = c.NumKvHeads * c.HeadDim * 4;
        long weights = checkpoint.ParameterCount * 4;
        Assert.Equal(report.Parameters, checkpoint.ParameterCount);
        var dense40 = report.Rows.Single(r => r.Policy == "dense" && r.Context == 40);
        var window24 = report.Rows.Single(r => r.Policy == "window" && r.Context == 24);
        var window40 = report.Rows.Single(r => r.Policy == "window" && r.Context == 40);
        var hsa40 = report.Rows.Single(r => r.Policy == "hsa" && r.Context == 40);
        Assert.Equal(weights + (c.NumLayers * 2L * 40 * row), dense40.BytesPerStep);
        Assert.Equal(weights + (c.NumLayers * 2L * 8 * row), window40.BytesPerStep); // sinks + window, whatever the context
        Assert.Equal(window24.BytesPerStep, window40.BytesPerStep);
        Assert.Equal(weights + (c.NumLayers * ((2L * (2 + 6 + 4) * row) + (10 * row))), hsa40.BytesPerStep); // + one landmark per chunk
        Assert.Equal(Math.Round(1e10 / dense40.BytesPerStep, 1), dense40.BoundTokensPerSecond);

        // int8 weights read one byte a parameter plus a scale and a zero point per block of 32
        var int8 = GeneratorBenchmark.BytesPerStep(c, checkpoint.ParameterCount, new AttentionSettings(), 40, "int8", "cpu");
        Assert.Equal(checkpoint.ParameterCount + (checkpoint.ParameterCount * 5 / 32) + (c.NumLayers * 2L * 40 * row), int8);
    }

    [Fact]
    public void An_unknown_policy_is_an_error()
    {
        using var model = TinyModel.Create("llama", 92);
        var settings = new GeneratorBenchSettings { ModelPath = model.Directory, Device = "cpu", Contexts = [24], Policies = ["sliding"], PromptTokens = 8, DecodeTokens = 4 };
        Assert.Throws<ArgumentException>(() => GeneratorBenchmark.Run(settings));
    }
}
