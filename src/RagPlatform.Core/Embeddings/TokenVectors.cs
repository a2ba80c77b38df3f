namespace RagPlatform.Core.Embeddings;

/// <summary>Per-text token vectors: text i has <c>Vectors[i].Length / Dimensions</c> tokens, row-major.</summary>
/// <param name="Dimensions">Vector length.</param>
/// <param name="Vectors">One flattened [tokens x dimensions] array of unit rows per text.</param>
/// <param name="Pooled">The same texts' sentence embeddings from the same encoder pass (unit length), so one pass
/// serves the dense and the late-interaction index.</param>
public sealed record TokenVectors(int Dimensions, IReadOnlyList<float[]> Vectors, IReadOnlyList<float[]> Pooled);
