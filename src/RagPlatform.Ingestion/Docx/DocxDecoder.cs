using System.IO.Compression;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using RagPlatform.Core.Documents;
using RagPlatform.Core.Errors;
using RagPlatform.Ingestion.Text;

namespace RagPlatform.Ingestion.Docx;

/// <summary>DOCX through the Open XML SDK: body paragraphs and table cells in order; Title and HeadingN styles become sections.</summary>
internal sealed class DocxDecoder : IFormatDecoder
{
    public IReadOnlyCollection<string> Extensions { get; } = [".docx"];

    public DocumentText Decode(byte[] content, CancellationToken cancellationToken)
    {
        using var stream = new MemoryStream(content, writable: false);
        WordprocessingDocument word;
        try
        {
            word = WordprocessingDocument.Open(stream, false);
        }
        catch (Exception ex) when (ex is OpenXmlPackageException or InvalidDataException or FileFormatException or IOException or ArgumentException or InvalidOperationException)
        {
            throw new DocumentFormatException($"not a readable DOCX file: {ex.Message}", ex);
        }

        using (word)
        {
            var body = word.MainDocumentPart?.Document?.Body
                ?? throw new DocumentFormatException("not a DOCX file: the package has no main document (a renamed zip?)");
            var composer = new TextComposer();
            var title = string.IsNullOrWhiteSpace(word.PackageProperties.Title) ? null : word.PackageProperties.Title;
            foreach (var paragraph in body.Descendants<Paragraph>())
            {
                cancellationToken.ThrowIfCancellationRequested();
                var text = ParagraphText(paragraph);
                var level = HeadingLevel(paragraph);
                if (level == 0)
                {
                    title ??= TextComposer.Normalize(text);
                    level = 1;
                }

                composer.AddParagraph(text, level > 0 ? level : null);
            }

            if (composer.Length == 0)
            {
                throw new DocumentFormatException("the DOCX file contains no text");
            }

            return composer.Build(title, []);
        }
    }

    /// <summary>0 for the Title style, 1-9 for HeadingN (or an outline level), -1 for body text.</summary>
    private static int HeadingLevel(Paragraph paragraph)
    {
        var properties = paragraph.ParagraphProperties;
        var style = properties?.ParagraphStyleId?.Val?.Value ?? string.Empty;
        if (style.Equals("Title", StringComparison.OrdinalIgnoreCase))
        {
            return 0;
        }

        if (style.StartsWith("Heading", StringComparison.OrdinalIgnoreCase) && int.TryParse(style.AsSpan(7), out var level))
        {
            return Math.Clamp(level, 1, 9);
        }

        return properties?.OutlineLevel?.Val?.Value is { } outline ? outline + 1 : -1;
    }

    private static string ParagraphText(Paragraph paragraph)
    {
        var builder = new StringBuilder();
        foreach (var element in paragraph.Descendants())
        {
            switch (element)
            {
                case DocumentFormat.OpenXml.Wordprocessing.Text text:
                    builder.Append(text.Text);
                    break;
                case TabChar or Break or CarriageReturn:
                    builder.Append(' ');
                    break;
            }
        }

        return builder.ToString();
    }
}
