using RagPlatform.Core.Documents;

namespace RagPlatform.Core.Indexing;

/// <summary>A decoded and chunked document, ready to be stored.</summary>
/// <param name="Info">Metadata.</param>
/// <param name="Text">Normalized text with pages and sections.</param>
/// <param name="Chunks">Chunks.</param>
public sealed record ParsedDocument(DocumentInfo Info, DocumentText Text, IReadOnlyList<Chunk> Chunks);
