using RagPlatform.Core.Documents;

namespace RagPlatform.Core.Indexing;

/// <summary>Seam to the chunker (RagPlatform.Ingestion): splits a document into retrievable passages.</summary>
public interface IChunker
{
    /// <summary>
    /// Structure-aware chunks; each satisfies the <see cref="Chunk"/> invariant against <paramref name="text"/>.
    /// Runs in time linear in the text's length and checks <paramref name="cancellationToken"/> between batches.
    /// </summary>
    IReadOnlyList<Chunk> Split(Guid documentId, DocumentText text, CancellationToken cancellationToken);
}
