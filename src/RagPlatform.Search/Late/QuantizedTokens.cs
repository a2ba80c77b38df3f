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
    /// <remarks>
    /// The chunk is walked once, token row by token row, and each row meets every query token while it is in the first
    /// cache level (four query rows at a time, so a row is loaded once per four). Walking the query tokens outermost
    /// streamed the whole chunk (hundreds of KB) through the cache once per query token. Each dot product is summed in
    /// the same order as <see cref="Dot"/>, so the scores are the same to the bit.
    /// </remarks>
    public double MaxSim(float[] query, int dims, float[] buffer)
    {
        var count = Scales.Length;
        var queryTokens = query.Length / dims;
        if (queryTokens == 0)
        {
            return 0;
        }

        var rows = buffer.AsSpan(0, Values.Length);
        Widen(Values, rows);

        Span<float> best = queryTokens <= 256 ? stackalloc float[queryTokens] : new float[queryTokens];
        best.Fill(float.NegativeInfinity);
        var q4 = queryTokens - (queryTokens % 4);
        for (var t = 0; t < count; t++)
        {
            var row = rows.Slice(t * dims, dims);
            var scale = Scales[t];
            for (var q = 0; q < q4; q += 4)
            {
                var (d0, d1, d2, d3) = Dot4(query.AsSpan(q * dims, 4 * dims), row);
                best[q] = Math.Max(best[q], d0 * scale);
                best[q + 1] = Math.Max(best[q + 1], d1 * scale);
                best[q + 2] = Math.Max(best[q + 2], d2 * scale);
                best[q + 3] = Math.Max(best[q + 3], d3 * scale);
            }

            for (var q = q4; q < queryTokens; q++)
            {
                best[q] = Math.Max(best[q], Dot(query.AsSpan(q * dims, dims), row) * scale);
            }
        }

        var total = 0.0;
        foreach (var b in best)
        {
            total += b;
        }

        return total / queryTokens;
    }

    /// <summary>The int8 values as floats, a vector of sbytes at a time (sbyte, short, int, float: all exact).</summary>
    private static void Widen(ReadOnlySpan<sbyte> values, Span<float> rows)
    {
        var vectors = MemoryMarshal.Cast<sbyte, Vector<sbyte>>(values);
        var step = Vector<sbyte>.Count;
        var quarter = Vector<float>.Count;
        for (var v = 0; v < vectors.Length; v++)
        {
            Vector.Widen(vectors[v], out var low, out var high);
            Vector.Widen(low, out var a, out var b);
            Vector.Widen(high, out var c, out var d);
            var at = rows.Slice(v * step, step);
            Vector.ConvertToSingle(a).CopyTo(at);
            Vector.ConvertToSingle(b).CopyTo(at[quarter..]);
            Vector.ConvertToSingle(c).CopyTo(at[(2 * quarter)..]);
            Vector.ConvertToSingle(d).CopyTo(at[(3 * quarter)..]);
        }

        for (var i = vectors.Length * step; i < values.Length; i++)
        {
            rows[i] = values[i];
        }
    }

    /// <summary>Four consecutive query rows against one token row; each sum taken exactly as <see cref="Dot"/> takes it.</summary>
    private static (float, float, float, float) Dot4(ReadOnlySpan<float> queries, ReadOnlySpan<float> row)
    {
        var dims = row.Length;
        var vr = MemoryMarshal.Cast<float, Vector<float>>(row);
        var v0 = MemoryMarshal.Cast<float, Vector<float>>(queries[..dims]);
        var v1 = MemoryMarshal.Cast<float, Vector<float>>(queries.Slice(dims, dims));
        var v2 = MemoryMarshal.Cast<float, Vector<float>>(queries.Slice(2 * dims, dims));
        var v3 = MemoryMarshal.Cast<float, Vector<float>>(queries.Slice(3 * dims, dims));
        Vector<float> s0 = Vector<float>.Zero, s1 = Vector<float>.Zero, s2 = Vector<float>.Zero, s3 = Vector<float>.Zero;
        for (var i = 0; i < vr.Length; i++)
        {
            var r = vr[i];
            s0 += v0[i] * r;
            s1 += v1[i] * r;
            s2 += v2[i] * r;
            s3 += v3[i] * r;
        }

        float t0 = Vector.Sum(s0), t1 = Vector.Sum(s1), t2 = Vector.Sum(s2), t3 = Vector.Sum(s3);
        for (var i = vr.Length * Vector<float>.Count; i < dims; i++)
        {
            t0 += queries[i] * row[i];
            t1 += queries[dims + i] * row[i];
            t2 += queries[(2 * dims) + i] * row[i];
            t3 += queries[(3 * dims) + i] * row[i];
        }

        return (t0, t1, t2, t3);
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
