namespace RagPlatform.Core.Embeddings;

/// <summary>A nearest-neighbour match.</summary>
/// <param name="ChunkId">Chunk id.</param>
/// <param name="DocumentId">The chunk's document.</param>
/// <param name="Score">Cosine similarity, higher is closer.</param>
public readonly record struct VectorMatch(string ChunkId, Guid DocumentId, double Score);
