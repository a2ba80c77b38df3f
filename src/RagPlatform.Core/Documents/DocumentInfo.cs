namespace RagPlatform.Core.Documents;

/// <summary>A document's metadata as stored and served (no text).</summary>
/// <param name="Id">Document id.</param>
/// <param name="Collection">Collection name.</param>
/// <param name="Title">Title (declared by the document, else its file name).</param>
/// <param name="Source">Where it came from: the file path given to the indexer, or the uploaded file name.</param>
/// <param name="ContentHash">SHA-256 of the file bytes, lowercase hex.</param>
/// <param name="State">Lifecycle state.</param>
/// <param name="Pages">Number of pages.</param>
/// <param name="Chunks">Number of chunks.</param>
/// <param name="Bytes">File size in bytes.</param>
/// <param name="Warnings">Warnings from decoding.</param>
/// <param name="Error">Why indexing failed, when it did.</param>
/// <param name="CreatedAt">When the document was first stored.</param>
/// <param name="UpdatedAt">When it last changed.</param>
public sealed record DocumentInfo(
    Guid Id,
    string Collection,
    string Title,
    string Source,
    string ContentHash,
    DocumentState State,
    int Pages,
    int Chunks,
    long Bytes,
    IReadOnlyList<string> Warnings,
    string? Error,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    /// <summary>Authors the document names (see <see cref="DocumentText.Authors"/>).</summary>
    public IReadOnlyList<string> Authors { get; init; } = [];

    /// <summary>The document's own date, yyyy-MM-dd when known (see <see cref="DocumentText.Date"/>).</summary>
    public string? Date { get; init; }
}
