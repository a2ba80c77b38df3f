using System.IO.Packaging;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using RagPlatform.Core.Documents;
using RagPlatform.Core.Errors;
using RagPlatform.Core.Indexing;
using RagPlatform.Ingestion.Normalization;

namespace RagPlatform.Ingestion.Docx;

/// <summary>DOCX via DocumentFormat.OpenXml: body paragraphs in order; Title and Heading N styles become sections. One page.</summary>
public sealed class DocxDecoder : IDocumentDecoder
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
            using var document = WordprocessingDocument.Open(stream, false);
            var body = document.MainDocumentPart?.Document?.Body
                ?? throw new DocumentFormatException("not a DOCX file: it has no main document part");
            return Read(document, body, cancellationToken);
        }
        catch (Exception ex) when (ex is OpenXmlPackageException or FileFormatException or InvalidDataException
            or System.Xml.XmlException or InvalidOperationException or ArgumentException or NotSupportedException)
        {
            throw new DocumentFormatException($"not a DOCX file: {ex.Message}", ex);
        }
    }

    private static DocumentText Read(WordprocessingDocument document, Body body, CancellationToken cancellationToken)
    {
        var styleNames = document.MainDocumentPart?.StyleDefinitionsPart?.Styles?.Elements<Style>()
            .Where(s => s.StyleId?.Value is not null)
            .ToDictionary(s => s.StyleId!.Value!, s => s.StyleName?.Val?.Value ?? string.Empty, StringComparer.OrdinalIgnoreCase)
            ?? [];
        var assembler = new TextAssembler();
        assembler.BeginPage();
        string? title = document.PackageProperties.Title;
        string? firstHeading = null;
        var text = new StringBuilder();
        var count = 0;
        foreach (var paragraph in body.Descendants<Paragraph>())
        {
            if (++count % 256 == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            text.Clear();
            AppendText(paragraph, text);
            var level = HeadingLevel(paragraph, styleNames, out var isTitle);
            if (!assembler.AddParagraph(text.ToString(), level))
            {
                continue;
            }

            if (isTitle && string.IsNullOrWhiteSpace(title))
            {
                title = TextAssembler.NormalizeLine(text.ToString());
            }

            firstHeading ??= level > 0 ? TextAssembler.NormalizeLine(text.ToString()) : null;
        }

        return assembler.Build([], string.IsNullOrWhiteSpace(title) ? firstHeading : title);
    }

    private static void AppendText(Paragraph paragraph, StringBuilder text)
    {
        foreach (var element in paragraph.Descendants())
        {
            switch (element)
            {
                case DocumentFormat.OpenXml.Wordprocessing.Text t: text.Append(t.Text); break;
                case TabChar: text.Append(' '); break;
                case Break or CarriageReturn: text.Append('\n'); break;
                case NoBreakHyphen: text.Append('-'); break;
            }
        }
    }

    /// <summary>1 for Title, N+1 for "Heading N" (style id or name, or an outline level); 0 for body text.</summary>
    private static int HeadingLevel(Paragraph paragraph, Dictionary<string, string> styleNames, out bool isTitle)
    {
        isTitle = false;
        var properties = paragraph.ParagraphProperties;
        var styleId = properties?.ParagraphStyleId?.Val?.Value;
        if (styleId is not null)
        {
            var name = styleNames.TryGetValue(styleId, out var n) ? n : styleId;
            if (name.Equals("Title", StringComparison.OrdinalIgnoreCase) || styleId.Equals("Title", StringComparison.OrdinalIgnoreCase))
            {
                isTitle = true;
                return 1;
            }

            foreach (var candidate in new[] { name.Replace(" ", string.Empty, StringComparison.Ordinal), styleId })
            {
                if (candidate.StartsWith("Heading", StringComparison.OrdinalIgnoreCase)
                    && int.TryParse(candidate.AsSpan(7), System.Globalization.CultureInfo.InvariantCulture, out var h) && h is >= 1 and <= 9)
                {
                    return h + 1;
                }
            }
        }

        var outline = properties?.OutlineLevel?.Val?.Value;
        return outline is >= 0 and < 9 ? outline.Value + 2 : 0;
    }
}
