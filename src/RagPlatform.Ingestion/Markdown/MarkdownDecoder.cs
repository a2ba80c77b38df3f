using System.Text;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using RagPlatform.Core.Documents;
using RagPlatform.Ingestion.PlainText;
using RagPlatform.Ingestion.Text;

namespace RagPlatform.Ingestion.Markdown;

/// <summary>Markdown through Markdig: the text of each block without markup; ATX and setext headings become sections.</summary>
internal sealed class MarkdownDecoder : IFormatDecoder
{
    private static readonly MarkdownPipeline s_pipeline = new MarkdownPipelineBuilder().UsePipeTables().Build();

    public IReadOnlyCollection<string> Extensions { get; } = [".md", ".markdown"];

    public DocumentText Decode(byte[] content, CancellationToken cancellationToken)
    {
        var warnings = new List<string>();
        var source = PlainTextDecoder.DecodeBytes(content, warnings);
        var document = Markdig.Markdown.Parse(source, s_pipeline);
        var composer = new TextComposer();
        string? title = null;
        foreach (var leaf in document.Descendants<LeafBlock>())
        {
            cancellationToken.ThrowIfCancellationRequested();
            var text = leaf switch
            {
                HeadingBlock or ParagraphBlock => InlineText(leaf.Inline),
                CodeBlock code => code.Lines.ToString(),
                _ => leaf.Inline is null ? leaf.Lines.ToString() : InlineText(leaf.Inline),
            };

            if (leaf is HeadingBlock heading)
            {
                title ??= heading.Level == 1 ? TextComposer.Normalize(text) : null;
                composer.AddParagraph(text, heading.Level);
            }
            else
            {
                composer.AddParagraph(text);
            }
        }

        if (composer.Length == 0)
        {
            throw new Core.Errors.DocumentFormatException("the Markdown file contains no text");
        }

        return composer.Build(title, warnings);
    }

    private static string InlineText(ContainerInline? inline)
    {
        if (inline is null)
        {
            return string.Empty;
        }

        var builder = new StringBuilder();
        foreach (var node in inline.Descendants())
        {
            switch (node)
            {
                case LiteralInline literal:
                    builder.Append(literal.Content.ToString());
                    break;
                case CodeInline code:
                    builder.Append(code.Content);
                    break;
                case LineBreakInline:
                    builder.Append(' ');
                    break;
                case HtmlEntityInline entity:
                    builder.Append(entity.Transcoded.ToString());
                    break;
            }
        }

        return builder.ToString();
    }
}
