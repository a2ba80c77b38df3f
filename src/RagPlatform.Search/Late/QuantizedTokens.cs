using System.Numerics;
using System.Runtime.InteropServices;

namespace RagPlatform.Search.Late;

/// <summary>
/// One chunk's token vectors, int8-quantized per token (symmetric: value = scale * int8), so a token costs
/// dims + 4 bytes instead of 4 * dims.
/// </summary>
/// <param name="ChunkId">Chunk id.</param>
/// <param name="DocumentId">Document id.</param>
/// <param name="Values">[tokens x dims] quantized values, row-major.</param>
/// <param name="Scales">One scale per token.</param>
internal sealed record QuantizedTokens(string ChunkId, Guid DocumentId, sbyte[] Values, float[] Scales)
{
    /// <summary>
    /// The chunk's sentence vectors (float32: the extractive answerer must score exactly what it would have encoded),
    /// by text key; empty for chunks written before sentence vectors existed.
    /// </summary>
    public IReadOnlyList<Core.Embeddings.SentenceVector> Sentences { get; init; } = [];

    public static QuantizedTokens Quantize(Core.Embeddings.ChunkVectors chunk, int dims) =>
        Quantize(chunk.ChunkId, chunk.DocumentId, chunk.Tokens, dims) with { Sentences = chunk.Sentences };

    public static QuantizedTokens Quantize(string chunkId, Guid documentId, float[] tokens, int dims)
    {
        var count = tokens.Length / dims;
        var values = new sbyte[tokens.Length];
        var scales = new float[count];
        for (var t = 0; t < count; t++)
        {
            var row = tokens.AsSpan(t * dims, dims);
            var max = 0f;
            foreach (var x in row)
            {
                max = Math.Max(max, Math.Abs(x));
            }

            var scale = max > 0 ? max / 127f : 1f;
            scales[t] = scale;
            for (var d = 0; d < dims; d++)
            {
                values[(t * dims) + d] = (sbyte)Math.Clamp(MathF.Round(row[d] / scale), -127, 127);
            }
        }

        return new QuantizedTokens(chunkId, documentId, values, scales);
    }

    /// <summary>
    /// MaxSim: for each query token, the best dot product with any of this chunk's tokens, summed and divided by the
    /// query's token count.
    /// </summary>
    public double MaxSim(float[] query, int dims, float[] buffer)
    {
        var count = Scales.Length;
        var rows = buffer.AsSpan(0, Values.Length);
        for (var i = 0; i < Values.Length; i++)
        {
            rows[i] = Values[i];
        }

        var queryTokens = query.Length / dims;
        var total = 0.0;
        for (var q = 0; q < queryTokens; q++)
        {
            var queryRow = query.AsSpan(q * dims, dims);
            var best = float.NegativeInfinity;
            for (var t = 0; t < count; t++)
            {
                var score = Dot(queryRow, rows.Slice(t * dims, dims)) * Scales[t];
                best = Math.Max(best, score);
            }

            total += best;
        }

        return queryTokens == 0 ? 0 : total / queryTokens;
    }

    private static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var va = MemoryMarshal.Cast<float, Vector<float>>(a);
        var vb = MemoryMarshal.Cast<float, Vector<float>>(b);
        var sum = Vector<float>.Zero;
        for (var i = 0; i < va.Length; i++)
        {
            sum += va[i] * vb[i];
        }

        var total = Vector.Sum(sum);
        for (var i = va.Length * Vector<float>.Count; i < a.Length; i++)
        {
            total += a[i] * b[i];
        }

        return total;
    }
}
