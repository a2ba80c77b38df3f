using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using RagPlatform.Core.Documents;
using RagPlatform.Ingestion.PlainText;
using RagPlatform.Ingestion.Text;

namespace RagPlatform.Ingestion.Html;

/// <summary>
/// HTML through AngleSharp: scripts, styles and other non-content elements dropped, block elements become paragraphs,
/// h1-h6 become sections. The DOM is walked with an explicit stack, so a deeply nested page cannot overflow the stack.
/// </summary>
internal sealed class HtmlDecoder : IFormatDecoder
{
    private static readonly HashSet<string> s_skipped = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "noscript", "template", "head", "svg", "math", "iframe", "object", "canvas", "button", "select", "nav",
    };

    private static readonly HashSet<string> s_blocks = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "div", "section", "article", "main", "header", "footer", "aside", "blockquote", "pre", "li", "ul", "ol", "dl", "dt", "dd",
        "table", "tr", "td", "th", "caption", "figure", "figcaption", "address", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "body", "form", "fieldset",
    };

    public IReadOnlyCollection<string> Extensions { get; } = [".html", ".htm", ".xhtml"];

    public DocumentText Decode(byte[] content, CancellationToken cancellationToken)
    {
        var warnings = new List<string>();
        var source = PlainTextDecoder.DecodeBytes(content, warnings);
        var parser = new HtmlParser(new HtmlParserOptions { IsNotConsumingCharacterReferences = false });
        using var document = parser.ParseDocument(source);
        var composer = new TextComposer();
        var buffer = new StringBuilder();

        // Iterative pre-order walk; a marker entry closes a block element so its text ends the paragraph.
        var stack = new Stack<(INode Node, bool Close)>();
        if (document.Body is { } body)
        {
            stack.Push((body, false));
        }

        var visited = 0;
        while (stack.Count > 0)
        {
            if ((++visited & 0xFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            var (node, close) = stack.Pop();
            if (close)
            {
                Flush(composer, buffer, node as IElement);
                continue;
            }

            switch (node)
            {
                case IText text:
                    buffer.Append(text.Data);
                    break;
                case IElement element when s_skipped.Contains(element.LocalName):
                    break;
                case IElement element:
                    var isBlock = s_blocks.Contains(element.LocalName);
                    if (isBlock)
                    {
                        Flush(composer, buffer, null);
                        stack.Push((element, true));
                    }

                    for (var child = element.LastChild; child is not null; child = child.PreviousSibling)
                    {
                        stack.Push((child, false));
                    }

                    break;
            }
        }

        Flush(composer, buffer, null);
        if (composer.Length == 0)
        {
            throw new Core.Errors.DocumentFormatException("the HTML page contains no text");
        }

        return composer.Build(document.Title, warnings);
    }

    private static void Flush(TextComposer composer, StringBuilder buffer, IElement? closing)
    {
        if (buffer.Length == 0)
        {
            return;
        }

        int? level = closing?.LocalName is { Length: 2 } name && name[0] == 'h' && char.IsAsciiDigit(name[1]) ? name[1] - '0' : null;
        composer.AddParagraph(buffer.ToString(), level);
        buffer.Clear();
    }
}
