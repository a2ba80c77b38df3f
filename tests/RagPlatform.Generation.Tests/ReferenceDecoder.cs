namespace RagPlatform.Generation.Tests;

/// <summary>
/// An independent plain C# forward pass of the tiny model (double precision, whole sequence at once, no cache):
/// RMSNorm, rotate-half RoPE, grouped-query attention under a visibility rule, SwiGLU, final norm and LM head.
/// </summary>
internal sealed class ReferenceDecoder(TinyModel model)
{
    private const int H = TinyModel.Hidden, D = TinyModel.HeadDim, NH = TinyModel.Heads, NKV = TinyModel.KvHeads;

    /// <summary>Which keys one KV head of one layer lets a query see, given that layer's rotated queries and keys.</summary>
    public delegate bool[] HeadVisibility(int layer, int kvHead, int query, double[][] q, double[][] k);

    /// <summary>Logits of the last position of <paramref name="tokens"/>; <paramref name="visible"/>(query, key) decides the mask.</summary>
    public double[] LastLogits(IReadOnlyList<long> tokens, Func<int, int, bool> visible) =>
        LastLogits(tokens, (_, _, t, _, k) => Enumerable.Range(0, k.Length).Select(j => visible(t, j)).ToArray());

    /// <summary>Logits of the last position with a mask that may differ per layer and KV head (hsa's selection).</summary>
    public double[] LastLogits(IReadOnlyList<long> tokens, HeadVisibility visibleKeys)
    {
        var n = tokens.Count;
        var embed = model.W("model.embed_tokens.weight");
        var x = new double[n][];
        for (var t = 0; t < n; t++)
        {
            x[t] = Enumerable.Range(0, H).Select(i => (double)embed[(tokens[t] * H) + i]).ToArray();
        }

        for (var l = 0; l < TinyModel.Layers; l++)
        {
            var p = $"model.layers.{l}.";
            var normed = x.Select(r => RmsNorm(r, model.W(p + "input_layernorm.weight"))).ToArray();
            var q = normed.Select(r => Linear(r, p + "self_attn.q_proj", NH * D)).ToArray();
            var k = normed.Select(r => Linear(r, p + "self_attn.k_proj", NKV * D)).ToArray();
            var v = normed.Select(r => Linear(r, p + "self_attn.v_proj", NKV * D)).ToArray();
            for (var t = 0; t < n; t++)
            {
                Rotate(q[t], NH, t);
                Rotate(k[t], NKV, t);
            }

            for (var t = 0; t < n; t++)
            {
                var attn = new double[NH * D];
                var masks = Enumerable.Range(0, NKV).Select(kvHead => visibleKeys(l, kvHead, t, q, k)).ToArray();
                for (var h = 0; h < NH; h++)
                {
                    var kv = h / (NH / NKV);
                    var scores = new double[n];
                    var max = double.NegativeInfinity;
                    for (var j = 0; j < n; j++)
                    {
                        if (j > t || !masks[kv][j])
                        {
                            scores[j] = double.NegativeInfinity;
                            continue;
                        }

                        double s = 0;
                        for (var d = 0; d < D; d++)
                        {
                            s += q[t][(h * D) + d] * k[j][(kv * D) + d];
                        }

                        scores[j] = s / Math.Sqrt(D);
                        max = Math.Max(max, scores[j]);
                    }

                    var sum = scores.Sum(s => double.IsNegativeInfinity(s) ? 0 : Math.Exp(s - max));
                    for (var j = 0; j < n; j++)
                    {
                        if (double.IsNegativeInfinity(scores[j]))
                        {
                            continue;
                        }

                        var w = Math.Exp(scores[j] - max) / sum;
                        for (var d = 0; d < D; d++)
                        {
                            attn[(h * D) + d] += w * v[j][(kv * D) + d];
                        }
                    }
                }

                var o = Linear(attn, p + "self_attn.o_proj", H);
                for (var i = 0; i < H; i++)
                {
                    x[t][i] += o[i];
                }

                var m = RmsNorm(x[t], model.W(p + "post_attention_layernorm.weight"));
                var gate = Linear(m, p + "mlp.gate_proj", TinyModel.Intermediate);
                var up = Linear(m, p + "mlp.up_proj", TinyModel.Intermediate);
                var act = gate.Select((g, i) => g / (1 + Math.Exp(-g)) * up[i]).ToArray();
                var down = Linear(act, p + "mlp.down_proj", H);
                for (var i = 0; i < H; i++)
                {
                    x[t][i] += down[i];
                }
            }
        }

        var final = RmsNorm(x[n - 1], model.W("model.norm.weight"));
        var head = model.Weights.ContainsKey("lm_head.weight") ? model.W("lm_head.weight") : embed;
        return Enumerable.Range(0, TinyModel.Vocab).Select(r => Enumerable.Range(0, H).Sum(i => head[(r * H) + i] * final[i])).ToArray();
    }

    private double[] Linear(double[] input, string prefix, int outputs)
    {
        var w = model.W(prefix + ".weight");
        var b = model.Weights.TryGetValue(prefix + ".bias", out var bias) ? bias.Data : null;
        var result = new double[outputs];
        for (var o = 0; o < outputs; o++)
        {
            double s = b?[o] ?? 0;
            for (var i = 0; i < input.Length; i++)
            {
                s += w[(o * input.Length) + i] * input[i];
            }

            result[o] = s;
        }

        return result;
    }

    private static double[] RmsNorm(double[] x, float[] weight)
    {
        var rms = Math.Sqrt((x.Sum(v => v * v) / x.Length) + 1e-5);
        return x.Select((v, i) => v / rms * weight[i]).ToArray();
    }

    private static void Rotate(double[] x, int heads, int position)
    {
        for (var h = 0; h < heads; h++)
        {
            for (var i = 0; i < D / 2; i++)
            {
                var angle = position * Math.Pow(10000.0, -2.0 * i / D);
                double a = x[(h * D) + i], b = x[(h * D) + i + (D / 2)];
                x[(h * D) + i] = (a * Math.Cos(angle)) - (b * Math.Sin(angle));
                x[(h * D) + i + (D / 2)] = (b * Math.Cos(angle)) + (a * Math.Sin(angle));
            }
        }
    }
}
