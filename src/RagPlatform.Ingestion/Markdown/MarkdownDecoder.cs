using Microsoft.Extensions.Options;
using System.Text;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using RagPlatform.Core.Documents;
using RagPlatform.Core.Errors;
using RagPlatform.Core.Indexing;
using RagPlatform.Ingestion.Normalization;
using RagPlatform.Ingestion.Text;
using MdTable = Markdig.Extensions.Tables.Table;
using MdTableRow = Markdig.Extensions.Tables.TableRow;

namespace RagPlatform.Ingestion.Markdown;

/// <summary>
/// Markdown via Markdig: the text of the parsed blocks (no markup symbols), headings as declared sections, one page.
/// Blocks and inlines are walked with explicit stacks, so deeply nested quotes or lists cannot overflow the stack.
/// </summary>
public sealed class MarkdownDecoder(IOptions<IngestionOptions> options) : IDocumentDecoder
{
    private static readonly MarkdownPipeline s_pipeline = new MarkdownPipelineBuilder().UsePipeTables().Build();

    public IReadOnlyCollection<string> SupportedExtensions { get; } = [".md", ".markdown"];

    public DocumentText Decode(byte[] content, string fileName, CancellationToken cancellationToken)
    {
        if (content.Length == 0)
        {
            throw new DocumentFormatException("the file is empty");
        }

        var warnings = new List<string>();
        var source = PlainTextDecoder.ReadText(content, warnings);
        var document = Markdig.Markdown.Parse(source, s_pipeline);
        var assembler = new TextAssembler(options.Value, cancellationToken);
        assembler.BeginPage();
        string? title = null;
        var text = new StringBuilder();
        var stack = new Stack<Block>();
        for (var i = document.Count - 1; i >= 0; i--)
        {
            stack.Push(document[i]);
        }

        var visited = 0;
        while (stack.Count > 0)
        {
            if (++visited % 1024 == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            var block = stack.Pop();
            text.Clear();
            switch (block)
            {
                case HeadingBlock heading:
                    AppendInlines(heading.Inline, text);
                    if (assembler.AddParagraph(text.Replace('\n', ' ').ToString(), heading.Level) && heading.Level == 1)
                    {
                        title ??= TextAssembler.NormalizeLine(text.ToString());
                    }

                    break;
                case LeafBlock { Inline: not null } leaf:
                    AppendListNumber(leaf, text);
                    AppendInlines(leaf.Inline, text);
                    assembler.AddParagraph(text.ToString());
                    break;
                case LeafBlock leaf:
                    // Code and HTML blocks: their lines, verbatim.
                    foreach (var line in leaf.Lines.Lines.Take(leaf.Lines.Count))
                    {
                        text.Append(line.Slice.ToString()).Append('\n');
                    }

                    assembler.AddParagraph(text.ToString());
                    break;
                case MdTable table:
                    var rows = new List<IReadOnlyList<string>>();
                    foreach (var row in table.OfType<MdTableRow>())
                    {
                        var cells = new List<string>();
                        foreach (var cell in row.OfType<ContainerBlock>())
                        {
                            text.Clear();
                            foreach (var cellBlock in cell.OfType<LeafBlock>())
                            {
                                AppendInlines(cellBlock.Inline, text);
                            }

                            cells.Add(text.ToString());
                        }

                        rows.Add(cells);
                    }

                    assembler.AddTable(rows);
                    break;
                case ContainerBlock container:
                    for (var i = container.Count - 1; i >= 0; i--)
                    {
                        stack.Push(container[i]);
                    }

                    break;
            }
        }

        return assembler.Build(warnings, title);
    }

    /// <summary>The number of an ordered list item ("1." or "1)") before its first paragraph, as the source wrote it.</summary>
    private static void AppendListNumber(LeafBlock leaf, StringBuilder text)
    {
        if (leaf.Parent is ListItemBlock item && item.Count > 0 && ReferenceEquals(item[0], leaf)
            && item.Parent is ListBlock { IsOrdered: true } list)
        {
            text.Append(item.Order.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append(list.OrderedDelimiter).Append(' ');
        }
    }

    private static void AppendInlines(ContainerInline? root, StringBuilder text)
    {
        if (root is null)
        {
            return;
        }

        var stack = new Stack<Inline>();
        for (var child = root.LastChild; child is not null; child = child.PreviousSibling)
        {
            stack.Push(child);
        }

        while (stack.Count > 0)
        {
            switch (stack.Pop())
            {
                case LiteralInline literal: text.Append(literal.Content.ToString()); break;
                case CodeInline code: text.Append(code.Content); break;
                case LineBreakInline lineBreak: text.Append(lineBreak.IsHard ? '\n' : ' '); break;
                case AutolinkInline autolink: text.Append(autolink.Url); break;
                case HtmlEntityInline entity: text.Append(entity.Transcoded.ToString()); break;
                case ContainerInline container:
                    for (var child = container.LastChild; child is not null; child = child.PreviousSibling)
                    {
                        stack.Push(child);
                    }

                    break;
            }
        }
    }
}
