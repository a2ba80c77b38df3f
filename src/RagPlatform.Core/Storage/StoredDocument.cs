using RagPlatform.Core.Documents;

namespace RagPlatform.Core.Storage;

/// <summary>A document with everything the database keeps of it: metadata, normalized text, pages and sections.</summary>
/// <param name="Info">Metadata.</param>
/// <param name="Text">Normalized text.</param>
/// <param name="Pages">Pages.</param>
/// <param name="Sections">Sections.</param>
public sealed record StoredDocument(DocumentInfo Info, string Text, IReadOnlyList<PageSpan> Pages, IReadOnlyList<Section> Sections);
