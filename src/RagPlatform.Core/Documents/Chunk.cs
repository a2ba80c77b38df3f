namespace RagPlatform.Core.Documents;

/// <summary>
/// A retrievable passage. Invariant: <c>documentText.Substring(CharStart, CharEnd - CharStart) == Text</c>, and
/// PageStart..PageEnd are the pages the span touches.
/// </summary>
/// <param name="Id">Stable id: "{documentId:N}-{ordinal}".</param>
/// <param name="DocumentId">The document the chunk belongs to.</param>
/// <param name="Ordinal">Position of the chunk within its document, from 0.</param>
/// <param name="CharStart">Start offset in the normalized text.</param>
/// <param name="CharEnd">End offset (exclusive).</param>
/// <param name="PageStart">First page the chunk touches (1-based).</param>
/// <param name="PageEnd">Last page the chunk touches.</param>
/// <param name="Section">Section path of the chunk's start, or empty.</param>
/// <param name="Text">The chunk text, verbatim from the normalized text.</param>
public sealed record Chunk(
    string Id,
    Guid DocumentId,
    int Ordinal,
    int CharStart,
    int CharEnd,
    int PageStart,
    int PageEnd,
    string Section,
    string Text)
{
    /// <summary>Builds the id of the chunk at <paramref name="ordinal"/> of a document.</summary>
    public static string MakeId(Guid documentId, int ordinal) => $"{documentId:N}-{ordinal}";
}
