namespace RagPlatform.Core.Embeddings;

/// <summary>What the token store keeps of one chunk: its token vectors and the vectors of its sentences.</summary>
/// <param name="ChunkId">Chunk id.</param>
/// <param name="DocumentId">Document id.</param>
/// <param name="Tokens">[tokens x dims] unit rows, row-major.</param>
/// <param name="Sentences">The chunk's sentence vectors (empty when none were computed).</param>
public sealed record ChunkVectors(string ChunkId, Guid DocumentId, float[] Tokens, IReadOnlyList<SentenceVector> Sentences);
