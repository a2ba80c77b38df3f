using RagPlatform.Core.Documents;

namespace RagPlatform.Core.Indexing;

/// <summary>Seam to the format decoders (RagPlatform.Ingestion): bytes to normalized text with pages and sections.</summary>
public interface IDocumentDecoder
{
    /// <summary>File extensions (lowercase, with the dot) this decoder accepts.</summary>
    IReadOnlyCollection<string> SupportedExtensions { get; }

    /// <summary>
    /// Decodes a file. Throws <see cref="Errors.DocumentFormatException"/> with a clear message for empty,
    /// corrupt, encrypted or unsupported files; never returns a document with zero pages.
    /// </summary>
    DocumentText Decode(byte[] content, string fileName, CancellationToken cancellationToken);
}
