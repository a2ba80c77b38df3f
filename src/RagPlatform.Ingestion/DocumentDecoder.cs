using RagPlatform.Core.Documents;
using RagPlatform.Core.Errors;
using RagPlatform.Core.Indexing;

namespace RagPlatform.Ingestion;

/// <summary>Core's decoder seam: dispatches on the file extension to the format decoders.</summary>
internal sealed class DocumentDecoder : IDocumentDecoder
{
    private readonly Dictionary<string, IFormatDecoder> _byExtension;

    public DocumentDecoder(IEnumerable<IFormatDecoder> decoders)
    {
        _byExtension = decoders.SelectMany(d => d.Extensions.Select(e => (e, d))).ToDictionary(x => x.e, x => x.d, StringComparer.OrdinalIgnoreCase);
        SupportedExtensions = [.. _byExtension.Keys.Order(StringComparer.Ordinal)];
    }

    public IReadOnlyCollection<string> SupportedExtensions { get; }

    public DocumentText Decode(byte[] content, string fileName, CancellationToken cancellationToken)
    {
        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        if (!_byExtension.TryGetValue(extension, out var decoder))
        {
            throw new DocumentFormatException($"unsupported file type '{extension}'; supported: {string.Join(", ", SupportedExtensions)}");
        }

        if (content.Length == 0)
        {
            throw new DocumentFormatException("the file is empty (0 bytes)");
        }

        var text = decoder.Decode(content, cancellationToken);
        if (text.Pages.Count == 0)
        {
            throw new DocumentFormatException("the document has no pages");
        }

        return text;
    }
}
