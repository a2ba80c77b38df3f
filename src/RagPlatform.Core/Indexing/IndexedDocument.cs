using RagPlatform.Core.Documents;

namespace RagPlatform.Core.Indexing;

/// <summary>A document and its chunks, as handed to the indexes.</summary>
/// <param name="Info">Metadata (collection, title, source, ...).</param>
/// <param name="Chunks">All chunks of the document, in order.</param>
public sealed record IndexedDocument(DocumentInfo Info, IReadOnlyList<Chunk> Chunks);
