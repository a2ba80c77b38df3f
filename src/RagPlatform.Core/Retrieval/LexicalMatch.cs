namespace RagPlatform.Core.Retrieval;

/// <summary>A first-stage BM25 candidate: ids and score only, so fusion does not pay for building full hits.</summary>
public sealed record LexicalMatch(string ChunkId, Guid DocumentId, double Score);
