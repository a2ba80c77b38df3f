using RagPlatform.Core.Errors;
using RagPlatform.Generation.Attention;
using RagPlatform.Generation.Building;
using RagPlatform.Generation.Checkpoints;
using RagPlatform.Generation.Runtime;

namespace RagPlatform.Generation.Tests;

public sealed class DecoderCorrectnessTests
{
    private static readonly long[] s_tokens = Enumerable.Range(0, 40).Select(i => (long)((i * 37 + 11) % TinyModel.Vocab)).ToArray();

    internal static DecoderSession Open(TinyModel model, AttentionSettings attention, int capacity = 128, bool fixedStep = false)
    {
        using var checkpoint = Checkpoint.Open(model.Directory);
        var built = ModelBuilder.BuildOrReuse(checkpoint, attention, ModelPrecision.Float32);
        return new DecoderSession(built, ExecutionDevice.Cpu, capacity, fixedStep);
    }

    /// <summary>Prefills the first tokens in blocks, then decodes the rest one by one; returns the logits after each step.</summary>
    private static List<(int Length, float[] Logits)> Run(DecoderSession session, int prefill, int block)
    {
        var result = new List<(int, float[])>();
        for (var start = 0; start < prefill; start += block)
        {
            var count = Math.Min(block, prefill - start);
            result.Add((start + count, session.Forward(s_tokens.AsSpan(start, count))));
        }

        for (var t = prefill; t < s_tokens.Length; t++)
        {
            result.Add((t + 1, session.Forward(s_tokens.AsSpan(t, 1))));
        }

        return result;
    }

    private static double MaxDiff(float[] a, double[] b) =>
        Enumerable.Range(0, a.Length).Max(i => Math.Abs(a[i] - b[i]));

    [Theory]
    [InlineData("llama", 11)]
    [InlineData("qwen2", 12)]
    public void Dense_logits_match_the_reference_forward_within_1e4(string modelType, int seed)
    {
        using var model = TinyModel.Create(modelType, seed);
        using var session = Open(model, new AttentionSettings());
        var reference = new ReferenceDecoder(model);
        foreach (var (length, logits) in Run(session, prefill: 13, block: 5))
        {
            var expected = reference.LastLogits(s_tokens[..length], (q, k) => k <= q);
            Assert.True(MaxDiff(logits, expected) < 1e-4, $"length {length}: max diff {MaxDiff(logits, expected)}");
        }
    }

    [Theory]
    [InlineData("llama", 13)]
    [InlineData("qwen2", 14)]
    public void Fixed_step_decoding_equals_the_dynamic_graph_and_the_reference(string modelType, int seed)
    {
        using var model = TinyModel.Create(modelType, seed);
        AssertFixedStepMatches(model, new AttentionSettings(), (q, k) => k <= q);
    }

    /// <summary>
    /// Decodes twice (the second round reuses the bindings after Reset, as a captured CUDA graph would) through the
    /// dynamic graph and the fixed step; every step's logits agree within 1e-5, and the last ones match the C# reference
    /// within 1e-4 when a visibility rule is given. Returns the fixed step's last logits.
    /// </summary>
    private static float[] AssertFixedStepMatches(TinyModel model, AttentionSettings settings, Func<int, int, bool>? visible)
    {
        using var dynamic = Open(model, settings);
        using var fixedStep = Open(model, settings, fixedStep: true);
        Assert.False(dynamic.UsesFixedStep);
        Assert.True(fixedStep.UsesFixedStep);
        var reference = new ReferenceDecoder(model);
        float[] last = [];
        for (var round = 0; round < 2; round++)
        {
            dynamic.Reset();
            fixedStep.Reset();
            var a = Run(dynamic, prefill: 9, block: 4);
            var b = Run(fixedStep, prefill: 9, block: 4);
            Assert.Equal(a.Count, b.Count);
            for (var i = 0; i < a.Count; i++)
            {
                var diff = MaxDiff(b[i].Logits, a[i].Logits.Select(v => (double)v).ToArray());
                Assert.True(diff < 1e-5, $"round {round} step {i}: max diff {diff}");
            }

            if (visible is not null)
            {
                var expected = reference.LastLogits(s_tokens, visible);
                Assert.True(MaxDiff(b[^1].Logits, expected) < 1e-4, $"max diff {MaxDiff(b[^1].Logits, expected)}");
            }

            last = b[^1].Logits;
        }

        return last;
    }

    [Fact]
    public void The_fixed_step_is_not_used_when_a_layer_is_dsa()
    {
        using var model = TinyModel.Create("llama", 15);
        using var session = Open(model, new AttentionSettings { Default = AttentionKind.Dsa, Sinks = 2, Window = 6 }, fixedStep: true);
        Assert.False(session.UsesFixedStep);
    }

    [Theory]
    [InlineData(AttentionKind.Window, "llama", 16, false)]
    [InlineData(AttentionKind.Window, "qwen2", 17, false)]
    [InlineData(AttentionKind.Hsa, "llama", 18, false)]
    [InlineData(AttentionKind.Hsa, "qwen2", 19, true)]
    [InlineData(AttentionKind.Hsa, "llama", 20, false, 0)]
    public void Fixed_step_with_window_and_hsa_equals_the_dynamic_graph_and_the_reference(AttentionKind kind, string modelType, int seed, bool quest, int topK = 2)
    {
        using var model = TinyModel.Create(modelType, seed);
        var settings = kind == AttentionKind.Window
            ? new AttentionSettings { Default = kind, Sinks = 3, Window = 7 }
            : new AttentionSettings { Default = kind, Sinks = 2, Window = 4, ChunkSize = 4, TopK = topK, Quest = quest };
        // hsa's selection rule is checked against the C# reference in HsaReferenceTests (fixed-step rows there)
        var last = AssertFixedStepMatches(model, settings, kind == AttentionKind.Window ? (int q, int k) => StepPlan.Visible(q, k, settings) : null);

        // the policy must matter at 40 tokens, or the comparison above would not test it
        var dense = new ReferenceDecoder(model).LastLogits(s_tokens, (q, k) => k <= q);
        Assert.True(MaxDiff(last, dense) > 1e-4);
    }

    /// <summary>
    /// The step graph's window ring (ADR 0016) against the C# reference with the window rule written out: blocks and
    /// single steps interleaved (the ring is filled from the full cache after a block and copied back before the next),
    /// a window of one token, and a window wider than the whole capacity.
    /// </summary>
    [Theory]
    [InlineData(2, 5, 128, 23)]
    [InlineData(0, 6, 128, 24)]
    [InlineData(3, 1, 128, 25)]
    [InlineData(4, 2048, 64, 26)]
    public void Window_ring_with_blocks_between_steps_equals_the_masked_dense_reference(int sinks, int window, int capacity, int seed)
    {
        using var model = TinyModel.Create(seed % 2 == 0 ? "qwen2" : "llama", seed);
        var settings = new AttentionSettings { Default = AttentionKind.Window, Sinks = sinks, Window = window };
        using var session = Open(model, settings, capacity, fixedStep: true);
        Assert.True(session.UsesFixedStep);
        var reference = new ReferenceDecoder(model);
        // block, steps, block, steps, a block of one after a block, steps
        int[] plan = [6, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 5, 1, 1, 1, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1];
        var length = 0;
        foreach (var count in plan)
        {
            var logits = session.Forward(s_tokens.AsSpan(length, count));
            length += count;
            var expected = reference.LastLogits(s_tokens[..length], (q, k) => StepPlan.Visible(q, k, settings));
            Assert.True(MaxDiff(logits, expected) < 1e-4, $"length {length}: max diff {MaxDiff(logits, expected)}");
        }

        Assert.Equal(s_tokens.Length, length);
        if (window < s_tokens.Length)
        {
            var dense = reference.LastLogits(s_tokens, (q, k) => k <= q);
            using var again = Open(model, settings, capacity, fixedStep: true);
            Assert.True(MaxDiff(Run(again, prefill: 4, block: 4)[^1].Logits, dense) > 1e-4, "the window must change the result at 40 tokens");
        }
    }

    [Theory]
    [InlineData(AttentionKind.Dense)]
    [InlineData(AttentionKind.Window)]
    public void Cached_decoding_equals_full_recomputation(AttentionKind kind)
    {
        using var model = TinyModel.Create("llama", 21);
        var settings = new AttentionSettings { Default = kind, Sinks = 2, Window = 6 };
        using var cached = Open(model, settings);
        var steps = Run(cached, prefill: 4, block: 4);
        using var full = Open(model, settings);
        foreach (var (length, logits) in steps.Where(s => s.Length % 7 == 0 || s.Length == s_tokens.Length))
        {
            full.Reset();
            var recomputed = full.Forward(s_tokens.AsSpan(0, length));
            Assert.True(MaxDiff(logits, recomputed.Select(v => (double)v).ToArray()) < 1e-5, $"length {length}");
        }
    }

    [Fact]
    public void Window_equals_the_masked_dense_reference()
    {
        using var model = TinyModel.Create("qwen2", 31);
        var settings = new AttentionSettings { Default = AttentionKind.Window, Sinks = 3, Window = 7 };
        using var session = Open(model, settings);
        var reference = new ReferenceDecoder(model);
        foreach (var (length, logits) in Run(session, prefill: 16, block: 8))
        {
            var expected = reference.LastLogits(s_tokens[..length], (q, k) => StepPlan.Visible(q, k, settings));
            Assert.True(MaxDiff(logits, expected) < 1e-4, $"length {length}: max diff {MaxDiff(logits, expected)}");
        }

        var dense = reference.LastLogits(s_tokens, (q, k) => k <= q);
        using var whole = Open(model, settings);
        Assert.True(MaxDiff(Run(whole, 40, 40)[^1].Logits, dense) > 1e-3, "the window must change the result at 40 tokens");
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public void Hsa_with_a_budget_covering_the_context_equals_dense(bool quest, bool fixedStep)
    {
        using var model = TinyModel.Create("llama", 41);
        // top-k 100 is more than the 33 landmark slots of the capacity: the step graph pads before TopK
        var hsa = new AttentionSettings { Default = AttentionKind.Hsa, Sinks = 2, Window = 4, ChunkSize = 4, TopK = 100, Quest = quest };
        using var sparse = Open(model, hsa, fixedStep: fixedStep);
        Assert.Equal(fixedStep, sparse.UsesFixedStep);
        using var dense = Open(model, new AttentionSettings());
        var a = Run(sparse, prefill: 9, block: 3);
        var b = Run(dense, prefill: 9, block: 3);
        for (var i = 0; i < a.Count; i++)
        {
            Assert.Equal(TokenSampler.ArgMax(b[i].Logits), TokenSampler.ArgMax(a[i].Logits));
            Assert.True(MaxDiff(a[i].Logits, b[i].Logits.Select(v => (double)v).ToArray()) < 1e-5, $"step {i}");
        }
    }

    [Fact]
    public void Hsa_with_a_small_budget_attends_sinks_chosen_chunks_and_the_local_window()
    {
        using var model = TinyModel.Create("llama", 51);
        var hsa = new AttentionSettings { Default = AttentionKind.Hsa, Sinks = 2, Window = 4, ChunkSize = 4, TopK = 1 };
        using var sparse = Open(model, hsa);
        var steps = Run(sparse, prefill: 8, block: 8);
        var reference = new ReferenceDecoder(model);
        var dense = reference.LastLogits(s_tokens, (q, k) => k <= q);
        Assert.All(steps, s => Assert.All(s.Logits, v => Assert.True(float.IsFinite(v))));
        Assert.True(MaxDiff(steps[^1].Logits, dense) > 1e-4, "one chunk of eight must differ from dense at 40 tokens");

        // With one chunk per head the result lies between what the sinks+window alone give and dense.
        var plan = StepPlan.Create(39, 1, hsa);
        Assert.Equal(8, plan.HsaCandidateChunks);
        Assert.Equal(1, plan.HsaTopK);
        Assert.Equal([0L, 1L], plan.HsaSinkRows);
        Assert.Equal(34L, plan.HsaLocalRows[0]);
    }

    [Fact]
    public void Mixed_layers_build_and_run_with_a_policy_per_layer()
    {
        using var model = TinyModel.Create("qwen2", 61);
        var mixed = new AttentionSettings
        {
            Default = AttentionKind.Dense,
            Layers = new Dictionary<int, AttentionKind> { [1] = AttentionKind.Hsa },
            Sinks = 1, Window = 3, ChunkSize = 2, TopK = 100,
        };
        using var a = Open(model, mixed);
        using var b = Open(model, new AttentionSettings());
        var x = Run(a, 6, 6);
        var y = Run(b, 6, 6);
        Assert.True(MaxDiff(x[^1].Logits, y[^1].Logits.Select(v => (double)v).ToArray()) < 1e-5);
    }

    [Fact]
    public void A_sequence_beyond_the_context_budget_is_refused()
    {
        using var model = TinyModel.Create("llama", 71);
        using var session = Open(model, new AttentionSettings(), capacity: 16);
        session.Forward(s_tokens.AsSpan(0, 10));
        var error = Assert.Throws<ContextBudgetExceededException>(() => session.Forward(s_tokens.AsSpan(10, 7)));
        Assert.Equal(17, error.Needed);
        Assert.Equal(10, session.Length);
    }
}
