using RagPlatform.Generation.Attention;
using RagPlatform.Generation.Runtime;

namespace RagPlatform.Generation.Tests;

/// <summary>
/// dsa (token-level top-k) against the reference forward with dsa's rule written out independently: per layer and KV
/// head, each decoded query sees the sinks, its sliding window, and the k older tokens whose keys score highest
/// against the query (max over the group's heads of q · k); and with k covering the context it equals dense.
/// </summary>
public sealed class DsaReferenceTests
{
    private const int Sinks = 2, Window = 4, TopTokens = 3, Prefill = 6, Total = 36;
    private const int D = TinyModel.HeadDim, Group = TinyModel.Heads / TinyModel.KvHeads;

    [Theory]
    [InlineData("llama", 91)]
    [InlineData("qwen2", 92)]
    public void Decoding_with_top_k_tokens_matches_the_reference_selection(string modelType, int seed)
    {
        using var model = TinyModel.Create(modelType, seed);
        var settings = new AttentionSettings { Default = AttentionKind.Dsa, Sinks = Sinks, Window = Window, TopTokens = TopTokens };
        ReferenceDecoder.HeadVisibility visible = (layer, kvHead, query, q, k) => VisibleKeys(kvHead, query, q, k);
        using var session = DecoderCorrectnessTests.Open(model, settings);
        var tokens = Enumerable.Range(0, Total).Select(i => (long)((i * 23 + 7) % TinyModel.Vocab)).ToArray();
        session.Forward(tokens.AsSpan(0, Prefill));
        var reference = new ReferenceDecoder(model);
        for (var t = Prefill; t < Total; t++)
        {
            var logits = session.Forward(tokens.AsSpan(t, 1));
            var expected = reference.LastLogits(tokens[..(t + 1)], visible);
            var diff = Enumerable.Range(0, logits.Length).Max(i => Math.Abs(logits[i] - expected[i]));
            Assert.True(diff < 1e-4, $"position {t}: max diff {diff}");
        }

        var dense = reference.LastLogits(tokens, (q, k) => k <= q);
        var sparse = reference.LastLogits(tokens, visible);
        Assert.True(Enumerable.Range(0, dense.Length).Max(i => Math.Abs(dense[i] - sparse[i])) > 1e-4,
            "three tokens of the thirty candidates must attend differently from dense");
    }

    [Fact]
    public void Dsa_with_k_covering_the_context_equals_dense()
    {
        using var model = TinyModel.Create("llama", 93);
        var tokens = Enumerable.Range(0, 40).Select(i => (long)((i * 37 + 11) % TinyModel.Vocab)).ToArray();
        using var sparse = DecoderCorrectnessTests.Open(model, new AttentionSettings { Default = AttentionKind.Dsa, Sinks = 2, Window = 4, TopTokens = 1000 });
        using var dense = DecoderCorrectnessTests.Open(model, new AttentionSettings());
        var steps = new List<(float[] A, float[] B)>();
        for (var start = 0; start < 9; start += 3)
        {
            steps.Add((sparse.Forward(tokens.AsSpan(start, 3)), dense.Forward(tokens.AsSpan(start, 3))));
        }

        for (var t = 9; t < tokens.Length; t++)
        {
            steps.Add((sparse.Forward(tokens.AsSpan(t, 1)), dense.Forward(tokens.AsSpan(t, 1))));
        }

        foreach (var (a, b) in steps)
        {
            Assert.Equal(TokenSampler.ArgMax(b), TokenSampler.ArgMax(a));
            Assert.True(Enumerable.Range(0, a.Length).Max(i => Math.Abs(a[i] - b[i])) < 1e-5);
        }
    }

    [Fact]
    public void An_unknown_policy_is_a_configuration_error()
    {
        var error = Assert.Throws<ArgumentException>(() => AttentionSettings.ParseKind("sparse"));
        Assert.Contains("dsa", error.Message, StringComparison.Ordinal);
        Assert.Equal(AttentionKind.Dsa, AttentionSettings.ParseKind("DSA"));
    }

    /// <summary>The prefill block is plain causal; each decoded query applies dsa's rule with past = its position.</summary>
    private static bool[] VisibleKeys(int kvHead, int query, double[][] q, double[][] k)
    {
        var visible = new bool[k.Length];
        if (query < Prefill)
        {
            Array.Fill(visible, true);
            return visible;
        }

        var sinks = Math.Min(Sinks, query);
        var windowStart = Math.Max(sinks, query - Window + 1);
        var scores = Enumerable.Range(sinks, windowStart - sinks).ToDictionary(j => j, j =>
            Enumerable.Range(kvHead * Group, Group).Max(h => Enumerable.Range(0, D).Sum(d => q[query][(h * D) + d] * k[j][(kvHead * D) + d])));
        var chosen = scores.OrderByDescending(p => p.Value).Take(TopTokens).Select(p => p.Key).ToHashSet();
        for (var j = 0; j <= query; j++)
        {
            visible[j] = j < sinks || j >= windowStart || chosen.Contains(j);
        }

        return visible;
    }
}
