namespace RagPlatform.Core.Embeddings;

/// <summary>One chunk's vector, L2-normalized.</summary>
/// <param name="ChunkId">Chunk id.</param>
/// <param name="DocumentId">The chunk's document.</param>
/// <param name="Vector">The unit-length vector.</param>
public sealed record VectorEntry(string ChunkId, Guid DocumentId, ReadOnlyMemory<float> Vector);
