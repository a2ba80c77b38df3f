using System.IO.Compression;
using System.Xml;
using Microsoft.Extensions.Options;
using RagPlatform.Core.Documents;
using RagPlatform.Core.Errors;
using RagPlatform.Core.Indexing;
using RagPlatform.Ingestion.Archives;
using RagPlatform.Ingestion.Normalization;

namespace RagPlatform.Ingestion.Docx;

/// <summary>
/// DOCX: body paragraphs in order; Title and Heading N styles become sections. One page. The ZIP's declared sizes are
/// checked before anything inflates, and word/document.xml is streamed (never a DOM), with its inflated bytes, element
/// count and characters bounded by <see cref="IngestionOptions"/>, so a zip bomb fails fast and cheaply.
/// </summary>
public sealed class DocxDecoder(IOptions<IngestionOptions> options) : IDocumentDecoder
{
    public IReadOnlyCollection<string> SupportedExtensions { get; } = [".docx"];

    public DocumentText Decode(byte[] content, string fileName, CancellationToken cancellationToken)
    {
        if (content.Length == 0)
        {
            throw new DocumentFormatException("the file is empty");
        }

        try
        {
            using var stream = new MemoryStream(content, writable: false);
            using var archive = new ZipArchive(stream, ZipArchiveMode.Read);
            var budget = new InflateBudget(options.Value);
            budget.CheckDeclared(archive);
            var package = new DocxPackage(archive, budget);
            var main = package.MainPartName();
            var title = CoreTitle(package);
            var styles = StyleNames(package, package.Related(main, "/styles"), cancellationToken);
            using var reader = package.Open(main)!;
            var assembler = new TextAssembler(options.Value, cancellationToken);
            return new DocxBodyReader(reader, styles, assembler, options.Value, main).Read(title);
        }
        catch (Exception ex) when (ex is InvalidDataException or XmlException or IOException or NotSupportedException or ArgumentException)
        {
            throw new DocumentFormatException($"not a DOCX file: {ex.Message}", ex);
        }
    }

    /// <summary>dc:title of the core properties part, if any.</summary>
    private static string? CoreTitle(DocxPackage package)
    {
        using var reader = package.Open(package.Related(string.Empty, "/core-properties") ?? "docProps/core.xml");
        if (reader is null)
        {
            return null;
        }

        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "title" && reader.NamespaceURI == "http://purl.org/dc/elements/1.1/")
            {
                var title = reader.ReadElementContentAsString();
                return string.IsNullOrWhiteSpace(title) ? null : title;
            }
        }

        return null;
    }

    /// <summary>Style id to style name ("Heading1" to "heading 1"), from the styles part.</summary>
    private static Dictionary<string, string> StyleNames(DocxPackage package, string? stylesPart, CancellationToken cancellationToken)
    {
        var names = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        using var reader = package.Open(stylesPart);
        if (reader is null)
        {
            return names;
        }

        string? styleId = null;
        var elements = 0;
        while (reader.Read())
        {
            if (reader.NodeType != XmlNodeType.Element || !DocxBodyReader.IsWordNamespace(reader.NamespaceURI))
            {
                continue;
            }

            if (++elements > package.Budget.Options.MaxXmlElements)
            {
                throw DocxBodyReader.TooManyElements(stylesPart!, package.Budget.Options.MaxXmlElements);
            }

            if (elements % 4096 == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            if (reader.LocalName == "style")
            {
                styleId = DocxBodyReader.WordAttribute(reader, "styleId");
                if (styleId is not null)
                {
                    names[styleId] = string.Empty;
                }
            }
            else if (reader.LocalName == "name" && styleId is not null && reader.Depth == 2)
            {
                names[styleId] = DocxBodyReader.WordAttribute(reader, "val") ?? string.Empty;
            }
        }

        return names;
    }
}
