namespace RagPlatform.Core.Embeddings;

/// <summary>Per-text token vectors: text i has <c>Vectors[i].Length / Dimensions</c> tokens, row-major.</summary>
/// <param name="Dimensions">Vector length.</param>
/// <param name="Vectors">One flattened [tokens x dimensions] array per text.</param>
public sealed record TokenVectors(int Dimensions, IReadOnlyList<float[]> Vectors);
