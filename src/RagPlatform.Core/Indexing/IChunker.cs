using RagPlatform.Core.Documents;

namespace RagPlatform.Core.Indexing;

/// <summary>Seam to the chunker (RagPlatform.Ingestion): splits a document into retrievable passages.</summary>
public interface IChunker
{
    /// <summary>Structure-aware chunks; each satisfies the <see cref="Chunk"/> invariant against <paramref name="text"/>.</summary>
    IReadOnlyList<Chunk> Split(Guid documentId, DocumentText text);
}
