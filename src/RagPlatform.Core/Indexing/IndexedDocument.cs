using RagPlatform.Core.Documents;

namespace RagPlatform.Core.Indexing;

/// <summary>A document and its chunks, as handed to the indexes.</summary>
/// <param name="Info">Metadata (collection, title, source, ...).</param>
/// <param name="Chunks">All chunks of the document, in order.</param>
/// <param name="Text">
/// The version's text, pages and sections when the database does not hold them yet (a served document being replaced:
/// the database keeps the old version until every index wrote the new one); null when the database holds this version.
/// </param>
public sealed record IndexedDocument(DocumentInfo Info, IReadOnlyList<Chunk> Chunks, DocumentText? Text = null);
