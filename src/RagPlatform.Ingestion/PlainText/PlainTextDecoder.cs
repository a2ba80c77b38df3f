using System.Text;
using RagPlatform.Core.Documents;
using RagPlatform.Ingestion.Text;

namespace RagPlatform.Ingestion.PlainText;

/// <summary>
/// Plain text: UTF-8 or UTF-16 (LE/BE) by byte-order mark, else strict UTF-8, else Latin-1 with a warning that the
/// encoding was guessed. Blank lines separate paragraphs; form feeds separate pages.
/// </summary>
internal sealed class PlainTextDecoder : IFormatDecoder
{
    private static readonly UTF8Encoding s_strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public IReadOnlyCollection<string> Extensions { get; } = [".txt", ".text"];

    public DocumentText Decode(byte[] content, CancellationToken cancellationToken)
    {
        var warnings = new List<string>();
        var text = DecodeBytes(content, warnings);
        var composer = new TextComposer();
        var pages = text.Split('\f');
        for (var i = 0; i < pages.Length; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            composer.BeginPage(i + 1);
            foreach (var paragraph in Paragraphs(pages[i]))
            {
                composer.AddLines(paragraph);
            }

            composer.EndPage();
        }

        if (composer.Length == 0)
        {
            throw new Core.Errors.DocumentFormatException("the file contains no text");
        }

        return composer.Build(null, warnings);
    }

    /// <summary>Decodes by BOM, else strict UTF-8, else Latin-1 (which accepts any bytes).</summary>
    internal static string DecodeBytes(byte[] content, List<string> warnings)
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
            warnings.Add("the text is not UTF-8 and has no byte-order mark; it was read as Latin-1 (ISO-8859-1)");
            return Encoding.Latin1.GetString(content);
        }
    }

    private static IEnumerable<List<string>> Paragraphs(string page)
    {
        var current = new List<string>();
        foreach (var line in page.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Split('\n'))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                if (current.Count > 0)
                {
                    yield return current;
                    current = [];
                }

                continue;
            }

            current.Add(line);
        }

        if (current.Count > 0)
        {
            yield return current;
        }
    }
}
