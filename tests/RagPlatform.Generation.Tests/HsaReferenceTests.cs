using RagPlatform.Generation.Attention;

namespace RagPlatform.Generation.Tests;

/// <summary>
/// hsa with a small budget against the reference forward with hsa's rule written out independently: per layer and
/// KV head, each decoded query sees the sinks, the top-k candidate chunks by max over the group's heads of
/// query · mean(chunk keys), and everything from the local window's chunk-aligned start.
/// </summary>
public sealed class HsaReferenceTests
{
    private const int Sinks = 2, Window = 4, Chunk = 4, TopK = 2, Prefill = 8, Total = 40;
    private const int D = TinyModel.HeadDim, Group = TinyModel.Heads / TinyModel.KvHeads;

    [Theory]
    [InlineData("llama", 81, false, false)]
    [InlineData("qwen2", 82, false, false)]
    [InlineData("llama", 83, true, false)]
    [InlineData("llama", 84, false, true)]
    [InlineData("qwen2", 85, false, true)]
    [InlineData("llama", 86, true, true)]
    public void Decoding_with_top_k_chunks_matches_the_reference_selection(string modelType, int seed, bool quest, bool fixedStep)
    {
        using var model = TinyModel.Create(modelType, seed);
        var settings = new AttentionSettings { Default = AttentionKind.Hsa, Sinks = Sinks, Window = Window, ChunkSize = Chunk, TopK = TopK, Quest = quest };
        ReferenceDecoder.HeadVisibility visible = (layer, kvHead, query, q, k) => VisibleKeys(kvHead, query, q, k, quest);
        // fixedStep: decoded tokens run the static step graph (the CUDA-graph path) instead of the dynamic graph
        using var session = DecoderCorrectnessTests.Open(model, settings, fixedStep: fixedStep);
        Assert.Equal(fixedStep, session.UsesFixedStep);
        var tokens = Enumerable.Range(0, Total).Select(i => (long)((i * 29 + 5) % TinyModel.Vocab)).ToArray();
        session.Forward(tokens.AsSpan(0, Prefill));
        var reference = new ReferenceDecoder(model);
        var compared = 0;
        for (var t = Prefill; t < Total; t++)
        {
            var logits = session.Forward(tokens.AsSpan(t, 1));
            var expected = reference.LastLogits(tokens[..(t + 1)], visible);
            var diff = Enumerable.Range(0, logits.Length).Max(i => Math.Abs(logits[i] - expected[i]));
            Assert.True(diff < 1e-4, $"position {t}: max diff {diff}");
            compared++;
        }

        Assert.Equal(Total - Prefill, compared);
        var dense = reference.LastLogits(tokens, (q, k) => k <= q);
        Assert.True(Enumerable.Range(0, dense.Length).Max(i => Math.Abs(dense[i] - reference.LastLogits(tokens, visible)[i])) > 1e-4,
            "two chunks of the eight candidates must attend differently from dense");
    }

    /// <summary>
    /// The first block is plain causal (no candidates yet); each decoded query applies hsa's rule with past = its
    /// position. A chunk's score is q · mean(keys), or with Quest the upper bound sum_d max(q_d min_d, q_d max_d).
    /// </summary>
    private static bool[] VisibleKeys(int kvHead, int query, double[][] q, double[][] k, bool quest)
    {
        var visible = new bool[k.Length];
        if (query < Prefill)
        {
            Array.Fill(visible, true);
            return visible;
        }

        var candidates = Math.Max(0, (query - Window - Sinks) / Chunk);
        var scores = new double[candidates];
        for (var c = 0; c < candidates; c++)
        {
            var rows = Enumerable.Range(Sinks + (c * Chunk), Chunk).ToList();
            var mean = Enumerable.Range(0, D).Select(d => rows.Average(r => k[r][(kvHead * D) + d])).ToArray();
            var min = Enumerable.Range(0, D).Select(d => rows.Min(r => k[r][(kvHead * D) + d])).ToArray();
            var max = Enumerable.Range(0, D).Select(d => rows.Max(r => k[r][(kvHead * D) + d])).ToArray();
            scores[c] = Enumerable.Range(kvHead * Group, Group).Max(h => Enumerable.Range(0, D).Sum(d =>
            {
                var qd = q[query][(h * D) + d];
                return quest ? Math.Max(qd * min[d], qd * max[d]) : qd * mean[d];
            }));
        }

        var chosen = Enumerable.Range(0, candidates).OrderByDescending(c => scores[c]).Take(TopK).ToHashSet();
        var localStart = Math.Min(query, Sinks + (candidates * Chunk));
        for (var j = 0; j <= query; j++)
        {
            visible[j] = j < Sinks || j >= localStart || chosen.Contains((j - Sinks) / Chunk);
        }

        return visible;
    }
}
