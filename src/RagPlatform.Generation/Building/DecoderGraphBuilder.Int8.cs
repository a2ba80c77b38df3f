using static RagPlatform.Generation.Building.OnnxGraph;
using DataType = Onnx.TensorProto.Types.DataType;

namespace RagPlatform.Generation.Building;

/// <summary>
/// Projections by a weight matrix: a Gemm on the float weights, or with int8 weights ONNX Runtime's MatMulNBits
/// (8 bits, blocks of 32 along K, one scale per block, symmetric codes stored with zero point 128, int8 compute on the
/// CPU: accuracy_level 4). The embedding Gather keeps the float table; a tied head gets its own int8 copy.
/// </summary>
internal sealed partial class DecoderGraphBuilder
{
    public const int QuantBlock = 32;

    /// <summary>x [rows, K] times the transpose of the rows of <paramref name="parts"/> stacked, plus the stacked biases when given.</summary>
    private string Project(string x, string name, string[] parts, string? biasName = null, string[]? biasParts = null)
    {
        string? bias = biasName is null ? null : biasParts is { Length: > 1 } ? FusedWeight(biasName, biasParts) : WeightOf(biasParts?[0] ?? biasName);
        if (!int8Weights)
        {
            var weight = parts.Length == 1 ? WeightOf(parts[0]) : FusedWeight(name, parts);
            return _g.Op1("Gemm", bias is null ? [x, weight] : [x, weight, bias], Int("transB", 1));
        }

        var shapes = parts.Select(checkpoint.Info).Select(i => i.Shape).ToList();
        long n = shapes.Sum(s => s[0]), k = shapes[0][1];
        var blocks = (k + QuantBlock - 1) / QuantBlock;
        var quantized = new Lazy<(byte[] Codes, float[] Scales)>(() => Quantize([.. parts.SelectMany(checkpoint.ReadFloats)], (int)n, (int)k));
        var codes = _g.WeightBytes(name + ".q8", [n, blocks, QuantBlock], DataType.Uint8, () => quantized.Value.Codes);
        var scales = _g.Weight(name + ".q8scale", [n, blocks], () => quantized.Value.Scales, dtype);
        var zeros = _g.WeightBytes(name + ".q8zero", [n, blocks], DataType.Uint8, () => Enumerable.Repeat((byte)128, (int)(n * blocks)).ToArray());
        var y = _g.Op(
            "MatMulNBits",
            [x, codes, scales, zeros],
            1,
            [Int("K", k), Int("N", n), Int("bits", 8), Int("block_size", QuantBlock), Int("accuracy_level", 4)],
            "com.microsoft")[0];
        return bias is null ? y : _g.Op1("Add", y, bias);
    }

    /// <summary>
    /// Row-major [n, k] weights to codes [n, blocks, 32] (k padded with zeros) and scales [n, blocks]:
    /// scale = max |w| / 127 over the block, code = round(w / scale) + 128, so w is recovered within scale / 2.
    /// </summary>
    internal static (byte[] Codes, float[] Scales) Quantize(float[] w, int n, int k)
    {
        var blocks = (k + QuantBlock - 1) / QuantBlock;
        var codes = new byte[(long)n * blocks * QuantBlock];
        var scales = new float[(long)n * blocks];
        Parallel.For(0, n, row =>
        {
            for (var b = 0; b < blocks; b++)
            {
                var start = b * QuantBlock;
                var end = Math.Min(k, start + QuantBlock);
                var max = 0f;
                for (var i = start; i < end; i++)
                {
                    max = Math.Max(max, Math.Abs(w[((long)row * k) + i]));
                }

                var scale = max / 127f;
                scales[((long)row * blocks) + b] = scale;
                var baseIndex = (((long)row * blocks) + b) * QuantBlock;
                for (var i = 0; i < QuantBlock; i++)
                {
                    var v = start + i < end && scale > 0 ? MathF.Round(w[((long)row * k) + start + i] / scale) : 0f;
                    codes[baseIndex + i] = (byte)(Math.Clamp(v, -127f, 127f) + 128f);
                }
            }
        });
        return (codes, scales);
    }
}
