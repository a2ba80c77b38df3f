using Microsoft.Extensions.Options;
using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using RagPlatform.Core.Documents;
using RagPlatform.Core.Errors;
using RagPlatform.Core.Indexing;
using RagPlatform.Ingestion.Normalization;
using RagPlatform.Ingestion.Text;

namespace RagPlatform.Ingestion.Html;

/// <summary>
/// HTML via AngleSharp. The DOM is walked with an explicit stack (never recursion): 50 MB of nested tags builds a
/// tree millions of levels deep, and a stack overflow would kill the process. Block elements end paragraphs;
/// h1-h6 are declared headings; &lt;title&gt; is the title. One page.
/// </summary>
public sealed class HtmlDecoder(IOptions<IngestionOptions> options) : IDocumentDecoder
{
    private static readonly HashSet<string> s_skipped = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "noscript", "template", "head", "svg", "math", "iframe", "object",
    };

    private static readonly HashSet<string> s_blocks = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "div", "section", "article", "main", "header", "footer", "nav", "aside", "blockquote", "pre", "li", "ul", "ol",
        "dl", "dt", "dd", "table", "caption", "figure", "figcaption", "address", "hr",
        "h1", "h2", "h3", "h4", "h5", "h6", "body", "form", "fieldset", "details", "summary", "center",
    };

    /// <summary>Deeper pages are read as flat text (see <see cref="FlatHtmlText"/>); real documents stay far below.</summary>
    private const int MaxNesting = 2_000;

    public IReadOnlyCollection<string> SupportedExtensions { get; } = [".html", ".htm", ".xhtml"];

    public DocumentText Decode(byte[] content, string fileName, CancellationToken cancellationToken)
    {
        if (content.Length == 0)
        {
            throw new DocumentFormatException("the file is empty");
        }

        var warnings = new List<string>();
        var source = PlainTextDecoder.ReadText(content, warnings);
        if (FlatHtmlText.NestsDeeperThan(source, MaxNesting))
        {
            var (flat, flatTitle) = FlatHtmlText.Extract(source);
            warnings.Add($"the HTML nests more than {MaxNesting:N0} elements deep; its text was read without structure");
            var flatAssembler = new TextAssembler(options.Value, cancellationToken);
            flatAssembler.BeginPage();
            flatAssembler.AddParagraph(flat);
            return flatAssembler.Build(warnings, flatTitle is null ? null : TextAssembler.NormalizeLine(flatTitle));
        }

        var parser = new HtmlParser(new HtmlParserOptions { IsScripting = false });
        using var document = parser.ParseDocument(source);
        var assembler = new TextAssembler(options.Value, cancellationToken);
        assembler.BeginPage();
        var paragraph = new StringBuilder();
        var headingLevel = 0;
        string? firstH1 = null;
        string? caption = null;
        // The rows of the top-level table being read: its cells go to the assembler as cells, never re-split text.
        List<IReadOnlyList<string>>? rows = null;
        var cells = new List<string>();

        // Each stack entry is a node to visit, or (Exit) the end of a block element, where its paragraph is flushed.
        var stack = new Stack<(INode Node, bool Exit)>();
        if (document.Body is { } body)
        {
            stack.Push((body, false));
        }

        var visited = 0;
        while (stack.Count > 0)
        {
            if (++visited % 4096 == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            var (node, exit) = stack.Pop();
            if (node is IText text)
            {
                // Source line breaks in HTML are plain whitespace; only <br> and blocks break lines.
                foreach (var c in text.Data)
                {
                    paragraph.Append(c is '\n' or '\r' ? ' ' : c);
                }

                continue;
            }

            if (node is not IElement element || s_skipped.Contains(element.LocalName))
            {
                continue;
            }

            var name = element.LocalName;
            if (name == "br")
            {
                paragraph.Append('\n');
                continue;
            }

            if (name == "tr")
            {
                // A table stays one paragraph; a table nested in a cell reads into that cell.
                if (exit && rows is not null && InTopLevelTable(element))
                {
                    rows.Add([.. cells]);
                    cells.Clear();
                }
                else if (exit)
                {
                    paragraph.Append('\n');
                }
                else
                {
                    stack.Push((element, true));
                    for (var child = element.LastChild; child is not null; child = child.PreviousSibling)
                    {
                        stack.Push((child, false));
                    }
                }

                continue;
            }

            if (name is "td" or "th" && rows is not null && InTopLevelTable(element))
            {
                if (exit)
                {
                    cells.Add(paragraph.ToString());
                    paragraph.Clear();
                    continue;
                }

                if (string.IsNullOrWhiteSpace(paragraph.ToString()))
                {
                    paragraph.Clear(); // the markup's white space between cells
                }

                stack.Push((element, true));
                for (var child = element.LastChild; child is not null; child = child.PreviousSibling)
                {
                    stack.Push((child, false));
                }

                continue;
            }

            if (!exit && name is "td" or "th" && element.PreviousElementSibling is not null)
            {
                paragraph.Append(" | ");
            }

            if (!exit && name == "table" && rows is null)
            {
                rows = [];
            }

            if (exit && name == "caption" && element.ParentElement is { LocalName: "table" })
            {
                caption = paragraph.ToString(); // the table's own caption leads its chunk
                paragraph.Clear();
                continue;
            }

            if (exit && name == "table" && !element.Ancestors<IElement>().Any(a => a.LocalName == "table"))
            {
                // A table is its own paragraph (and chunk); text outside any cell becomes a row of its own.
                rows ??= [];
                if (!string.IsNullOrWhiteSpace(paragraph.ToString()))
                {
                    rows.Add([paragraph.ToString()]);
                }

                if (!assembler.AddTable(rows, caption) && caption is not null)
                {
                    assembler.AddParagraph(caption);
                }

                (caption, headingLevel, rows) = (null, 0, null);
                cells.Clear();
                paragraph.Clear();
                continue;
            }

            var isBlock = s_blocks.Contains(name);
            if (exit || (isBlock && paragraph.Length > 0))
            {
                Flush(assembler, paragraph, headingLevel, ref firstH1);
                headingLevel = 0;
            }

            if (exit)
            {
                continue;
            }

            if (name.Length == 2 && name[0] == 'h' && name[1] is >= '1' and <= '6')
            {
                headingLevel = name[1] - '0';
            }

            if (isBlock)
            {
                stack.Push((element, true));
            }

            if (name == "li" && element.ParentElement is { LocalName: "ol" } list)
            {
                // Ordered list items keep their numbers: a statute's (1)-(6) must not lose them.
                var start = int.TryParse(list.GetAttribute("start"), out var first) ? first : 1;
                var index = list.Children.Where(c => c.LocalName == "li").TakeWhile(c => !ReferenceEquals(c, element)).Count();
                paragraph.Append((start + index).ToString(System.Globalization.CultureInfo.InvariantCulture)).Append(". ");
            }

            for (var child = element.LastChild; child is not null; child = child.PreviousSibling)
            {
                stack.Push((child, false));
            }
        }

        Flush(assembler, paragraph, headingLevel, ref firstH1);
        var title = document.Title;
        return assembler.Build(warnings, string.IsNullOrWhiteSpace(title) ? firstH1 : TextAssembler.NormalizeLine(title));
    }

    private static void Flush(TextAssembler assembler, StringBuilder paragraph, int headingLevel, ref string? firstH1)
    {
        if (paragraph.Length == 0)
        {
            return;
        }

        var raw = paragraph.ToString();
        paragraph.Clear();
        if (headingLevel > 0)
        {
            raw = raw.Replace('\n', ' ');
        }

        if (assembler.AddParagraph(raw, headingLevel) && headingLevel == 1)
        {
            firstH1 ??= TextAssembler.NormalizeLine(raw);
        }
    }

    private static bool InTopLevelTable(IElement element) => element.Ancestors<IElement>().Count(a => a.LocalName == "table") == 1;
}
