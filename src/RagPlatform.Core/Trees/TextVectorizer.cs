using Microsoft.Extensions.AI;
using RagPlatform.Core.Embeddings;
using RagPlatform.Core.Text;

namespace RagPlatform.Core.Trees;

/// <summary>
/// Turns sentences and questions into L2-normalized vectors: with the registered embedder when there is one, else
/// with hashed log term frequencies (so a BM25-only host still gets centrality and coverage, lexically).
/// </summary>
public sealed class TextVectorizer(IEmbeddingGenerator<string, Embedding<float>>? embedder)
{
    private const int HashedDimensions = 512;

    // Long inputs add encoder time and little signal for a sentence-level vector.
    private const int MaxInputChars = 1000;

    /// <summary>Whether vectors come from the embedding model (true) or from hashed terms (false).</summary>
    public bool UsesEmbedder => embedder is not null;

    /// <summary>Vectors of passages (sentences, summaries), one per text; <paramref name="lexicalOnly"/> skips the model.</summary>
    public async Task<float[][]> EmbedPassagesAsync(IReadOnlyList<string> texts, bool lexicalOnly, CancellationToken cancellationToken)
    {
        if (texts.Count == 0)
        {
            return [];
        }

        if (embedder is null || lexicalOnly)
        {
            return [.. texts.Select(Hashed)];
        }

        var inputs = texts.Select(t => t.Length <= MaxInputChars ? t : t[..MaxInputChars]).ToList();
        var embeddings = await embedder.GenerateAsync(inputs, null, cancellationToken);
        return [.. embeddings.Select(e => Normalize(e.Vector.ToArray()))];
    }

    /// <summary>The question's vector (queries get the model's query instruction).</summary>
    public async Task<float[]> EmbedQueryAsync(string question, CancellationToken cancellationToken)
    {
        if (embedder is null)
        {
            return Hashed(question);
        }

        var embeddings = await embedder.GenerateAsync([question], EmbeddingPurpose.ForQueries(), cancellationToken);
        return Normalize(embeddings[0].Vector.ToArray());
    }

    /// <summary>Cosine similarity of two normalized vectors (0 when their sizes differ, e.g. a model changed).</summary>
    public static double Cosine(float[] a, float[] b)
    {
        if (a.Length != b.Length || a.Length == 0)
        {
            return 0;
        }

        double dot = 0;
        for (var i = 0; i < a.Length; i++)
        {
            dot += a[i] * b[i];
        }

        return dot;
    }

    /// <summary>The normalized weighted mean of vectors (zeros when there are none).</summary>
    public static float[] Mean(IReadOnlyList<float[]> vectors, IReadOnlyList<double>? weights = null)
    {
        if (vectors.Count == 0)
        {
            return [];
        }

        var sum = new float[vectors[0].Length];
        for (var v = 0; v < vectors.Count; v++)
        {
            var w = (float)(weights?[v] ?? 1.0);
            for (var i = 0; i < sum.Length && i < vectors[v].Length; i++)
            {
                sum[i] += w * vectors[v][i];
            }
        }

        return Normalize(sum);
    }

    private static float[] Hashed(string text)
    {
        var vector = new float[HashedDimensions];
        foreach (var group in Terms.Tokenize(text).GroupBy(t => t, StringComparer.Ordinal))
        {
            var bucket = (int)(Fnv1a(group.Key) % HashedDimensions);
            vector[bucket] += 1 + MathF.Log(group.Count());
        }

        return Normalize(vector);
    }

    // A stable hash: string.GetHashCode is randomized per process, and stored vectors must match later queries.
    private static uint Fnv1a(string term)
    {
        var hash = 2166136261u;
        foreach (var c in term)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return hash;
    }

    private static float[] Normalize(float[] vector)
    {
        double norm = 0;
        foreach (var x in vector)
        {
            norm += x * x;
        }

        if (norm > 0)
        {
            var scale = (float)(1 / Math.Sqrt(norm));
            for (var i = 0; i < vector.Length; i++)
            {
                vector[i] *= scale;
            }
        }

        return vector;
    }
}
