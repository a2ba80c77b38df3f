using RagPlatform.Generation.Attention;
using RagPlatform.Generation.Building;
using RagPlatform.Generation.Checkpoints;
using RagPlatform.Generation.Runtime;

namespace RagPlatform.Generation.Tests;

/// <summary>
/// int8 weights (MatMulNBits, 8 bits, blocks of 32) on the CPU against the float build of the same checkpoint.
/// Tolerance: the logits stay within 5% of the largest float logit (max abs difference), the greedy token after every
/// prefix is the float build's, and the difference is not zero (the int8 path really runs).
/// </summary>
public sealed class Int8WeightTests
{
    private static readonly long[] s_tokens = Enumerable.Range(0, 30).Select(i => (long)((i * 29 + 5) % TinyModel.Vocab)).ToArray();

    private static DecoderSession Open(TinyModel model, AttentionSettings attention, bool int8, bool fixedStep)
    {
        using var checkpoint = Checkpoint.Open(model.Directory);
        var built = ModelBuilder.BuildOrReuse(checkpoint, attention, ModelPrecision.Float32, int8);
        Assert.Equal(int8, built.Int8Weights);
        return new DecoderSession(built, ExecutionDevice.Cpu, 64, fixedStep);
    }

    [Fact]
    public void Quantized_weights_are_recovered_within_half_a_step_of_their_block_scale()
    {
        var random = new Random(3);
        const int n = 5, k = 70; // k not a multiple of the block: the last block is padded
        var w = Enumerable.Range(0, n * k).Select(_ => (float)(random.NextDouble() - 0.5) * (random.Next(3) + 1)).ToArray();
        w[7] = 0; // a zero and a block of zeros
        for (var i = 64; i < 70; i++)
        {
            w[(2 * k) + i] = 0;
        }

        var (codes, scales) = DecoderGraphBuilder.Quantize(w, n, k);
        var blocks = (k + DecoderGraphBuilder.QuantBlock - 1) / DecoderGraphBuilder.QuantBlock;
        Assert.Equal(n * blocks * DecoderGraphBuilder.QuantBlock, codes.Length);
        for (var row = 0; row < n; row++)
        {
            for (var i = 0; i < k; i++)
            {
                var b = i / DecoderGraphBuilder.QuantBlock;
                var scale = scales[(row * blocks) + b];
                var code = codes[(((row * blocks) + b) * DecoderGraphBuilder.QuantBlock) + (i % DecoderGraphBuilder.QuantBlock)];
                var back = (code - 128) * scale;
                Assert.True(Math.Abs(back - w[(row * k) + i]) <= (scale / 2) + 1e-6, $"row {row} col {i}: {back} for {w[(row * k) + i]}");
            }

            // padding beyond k codes zero
            Assert.Equal(128, codes[(((row * blocks) + blocks - 1) * DecoderGraphBuilder.QuantBlock) + (k % DecoderGraphBuilder.QuantBlock)]);
        }

        Assert.Equal(0f, scales[(2 * blocks) + 2]);
    }

    [Theory]
    [InlineData("llama", 81, AttentionKind.Dense, false)]
    [InlineData("qwen2", 82, AttentionKind.Dense, true)]
    [InlineData("qwen2", 83, AttentionKind.Window, true)]
    public void Int8_logits_stay_within_five_percent_of_the_float_build(string modelType, int seed, AttentionKind kind, bool fixedStep)
    {
        using var model = TinyModel.Create(modelType, seed);
        var settings = new AttentionSettings { Default = kind, Sinks = 2, Window = 6 };
        using var full = Open(model, settings, int8: false, fixedStep);
        using var quantized = Open(model, settings, int8: true, fixedStep);
        Assert.Equal(fixedStep, quantized.UsesFixedStep);
        var worst = 0.0;
        var agree = 0;
        full.Forward(s_tokens.AsSpan(0, 6));
        quantized.Forward(s_tokens.AsSpan(0, 6));
        for (var t = 6; t < s_tokens.Length; t++)
        {
            var a = full.Forward(s_tokens.AsSpan(t, 1));
            var b = quantized.Forward(s_tokens.AsSpan(t, 1));
            var scale = a.Max(Math.Abs);
            var diff = Enumerable.Range(0, a.Length).Max(i => Math.Abs(a[i] - b[i]));
            worst = Math.Max(worst, diff / scale);
            agree += TokenSampler.ArgMax(a) == TokenSampler.ArgMax(b) ? 1 : 0;
            Assert.True(diff <= 0.05 * scale, $"step {t}: max diff {diff} against max logit {scale}");
        }

        Assert.True(worst > 0, "int8 weights must change the logits a little");
        Assert.Equal(s_tokens.Length - 6, agree);
    }
}
