using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RagPlatform.Core.Documents;
using RagPlatform.Core.Errors;
using RagPlatform.Core.Indexing;
using RagPlatform.Ingestion.Docx;
using RagPlatform.Ingestion.Html;
using RagPlatform.Ingestion.Markdown;
using RagPlatform.Ingestion.Pdf;
using RagPlatform.Ingestion.Text;

namespace RagPlatform.Ingestion.Decoding;

/// <summary>The platform's <see cref="IDocumentDecoder"/>: refuses empty and oversized files, then dispatches by extension.</summary>
public sealed class DocumentDecoder : IDocumentDecoder
{
    private readonly Dictionary<string, IDocumentDecoder> _byExtension = new(StringComparer.OrdinalIgnoreCase);
    private readonly IOptions<IngestionOptions> _options;
    private readonly ILogger<DocumentDecoder> _logger;

    public DocumentDecoder(
        PdfDecoder pdf,
        DocxDecoder docx,
        HtmlDecoder html,
        MarkdownDecoder markdown,
        PlainTextDecoder text,
        IOptions<IngestionOptions> options,
        ILogger<DocumentDecoder> logger)
    {
        foreach (IDocumentDecoder decoder in new IDocumentDecoder[] { pdf, docx, html, markdown, text })
        {
            foreach (var extension in decoder.SupportedExtensions)
            {
                _byExtension[extension] = decoder;
            }
        }

        SupportedExtensions = [.. _byExtension.Keys.Order(StringComparer.Ordinal)];
        _options = options;
        _logger = logger;
    }

    public IReadOnlyCollection<string> SupportedExtensions { get; }

    public DocumentText Decode(byte[] content, string fileName, CancellationToken cancellationToken)
    {
        var extension = Path.GetExtension(fileName);
        if (!_byExtension.TryGetValue(extension, out var decoder))
        {
            throw new DocumentFormatException(
                $"unsupported file type '{extension}' (supported: {string.Join(", ", SupportedExtensions)})");
        }

        if (content.Length == 0)
        {
            throw new DocumentFormatException("the file is empty");
        }

        var max = _options.Value.MaxFileBytes;
        if (content.Length > max)
        {
            throw new DocumentFormatException($"the file is too large: {content.Length:N0} bytes, the limit is {max:N0}");
        }

        var text = decoder.Decode(content, fileName, cancellationToken);
        Log.Decoded(_logger, fileName, text.Pages.Count, text.Text.Length, text.Sections.Count);
        return text;
    }
}
