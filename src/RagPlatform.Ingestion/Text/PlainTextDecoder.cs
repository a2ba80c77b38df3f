using Microsoft.Extensions.Options;
using System.Text;
using RagPlatform.Core.Documents;
using RagPlatform.Core.Errors;
using RagPlatform.Core.Indexing;
using RagPlatform.Ingestion.Normalization;

namespace RagPlatform.Ingestion.Text;

/// <summary>
/// Plain text: UTF-8/UTF-16 by BOM, else strict UTF-8, else Latin-1 (with a warning). Blank lines separate
/// paragraphs; form feeds separate pages.
/// </summary>
public sealed class PlainTextDecoder(IOptions<IngestionOptions> options) : IDocumentDecoder
{
    private static readonly UTF8Encoding s_strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public IReadOnlyCollection<string> SupportedExtensions { get; } = [".txt", ".text"];

    public DocumentText Decode(byte[] content, string fileName, CancellationToken cancellationToken)
    {
        if (content.Length == 0)
        {
            throw new DocumentFormatException("the file is empty");
        }

        var warnings = new List<string>();
        var raw = ReadText(content, warnings);
        var assembler = new TextAssembler(options.Value, cancellationToken);
        string? title = null;
        foreach (var page in raw.Split('\f'))
        {
            cancellationToken.ThrowIfCancellationRequested();
            assembler.BeginPage();
            foreach (var paragraph in SplitParagraphs(page))
            {
                if (assembler.AddParagraph(paragraph) && title is null && assembler.PageCount == 1)
                {
                    var firstLine = TextAssembler.NormalizeLine(paragraph.Split('\n')[0]);
                    title = firstLine.Length is > 0 and <= 120 ? firstLine : string.Empty;
                }
            }
        }

        return assembler.Build(warnings, title);
    }

    internal static string ReadText(byte[] content, List<string> warnings)
    {
        if (content.Length >= 3 && content[0] == 0xEF && content[1] == 0xBB && content[2] == 0xBF)
        {
            return Encoding.UTF8.GetString(content, 3, content.Length - 3);
        }

        if (content.Length >= 2 && content[0] == 0xFF && content[1] == 0xFE)
        {
            return Encoding.Unicode.GetString(content, 2, content.Length - 2);
        }

        if (content.Length >= 2 && content[0] == 0xFE && content[1] == 0xFF)
        {
            return Encoding.BigEndianUnicode.GetString(content, 2, content.Length - 2);
        }

        try
        {
            return s_strictUtf8.GetString(content);
        }
        catch (DecoderFallbackException)
        {
            warnings.Add("the text encoding was guessed: the file is not valid UTF-8 and has no byte order mark, so it was read as Latin-1");
            return Encoding.Latin1.GetString(content);
        }
    }

    private static IEnumerable<string> SplitParagraphs(string page)
    {
        var lines = page.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Split('\n');
        var current = new StringBuilder();
        foreach (var line in lines)
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                if (current.Length > 0)
                {
                    yield return current.ToString();
                    current.Clear();
                }

                continue;
            }

            current.Append(line).Append('\n');
        }

        if (current.Length > 0)
        {
            yield return current.ToString();
        }
    }
}
