using Microsoft.Extensions.Options;
using System.Text;
using RagPlatform.Core.Documents;
using RagPlatform.Core.Errors;
using RagPlatform.Core.Indexing;
using RagPlatform.Ingestion.Normalization;
using RagPlatform.Ingestion.Pdf.Layout;
using RagPlatform.Ingestion.Pdf.Ocr;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.DocumentLayoutAnalysis;
using UglyToad.PdfPig.Exceptions;

namespace RagPlatform.Ingestion.Pdf;

/// <summary>
/// PDF via PdfPig's layout analysis: nearest-neighbour words, Docstrum blocks, unsupervised reading order, so
/// columns are read one after the other instead of interleaved. One page span per page, also for pages without text.
/// </summary>
public sealed class PdfDecoder(IOptions<IngestionOptions> options) : IDocumentDecoder
{
    private readonly TesseractPageOcr _ocr = new(TimeProvider.System);

    public IReadOnlyCollection<string> SupportedExtensions { get; } = [".pdf"];

    public DocumentText Decode(byte[] content, string fileName, CancellationToken cancellationToken)
    {
        PdfSanity.Check(content);
        try
        {
            var clock = DecodeProfile.Start();
            var budget = new Archives.InflateBudget(options.Value);
            using var document = PdfDocument.Open(content, new ParsingOptions
            {
                UseLenientParsing = true,
                SkipMissingFonts = true,
                FilterProvider = new BoundedFilterProvider(budget),
            });
            DecodeProfile.Add(DecodeProfile.Phase.Open, clock);
            using var ocr = new PdfOcrSession(_ocr, content, options.Value.Ocr, cancellationToken, document.NumberOfPages);
            return Read(document, ocr, cancellationToken) with { OcrPages = [.. ocr.Pages] };
        }
        catch (PdfDocumentEncryptedException ex)
        {
            throw new DocumentFormatException("the PDF is encrypted", ex);
        }
        catch (Exception ex) when (ex is PdfDocumentFormatException or InvalidOperationException or ArgumentException
            or IndexOutOfRangeException or NullReferenceException or FormatException or InvalidDataException or EndOfStreamException
            or KeyNotFoundException or NotSupportedException or OverflowException)
        {
            if (PdfSanity.DeclaresEncryption(content))
            {
                throw new DocumentFormatException("the PDF is encrypted", ex);
            }

            throw new DocumentFormatException($"the PDF is damaged: {ex.Message}", ex);
        }
    }

    private DocumentText Read(PdfDocument document, PdfOcrSession ocr, CancellationToken cancellationToken)
    {
        if (document.NumberOfPages == 0)
        {
            throw new DocumentFormatException("the PDF is damaged: it has no pages");
        }

        if (document.NumberOfPages > options.Value.MaxPages)
        {
            throw new DocumentFormatException($"the PDF has {document.NumberOfPages:N0} pages, over the limit of {options.Value.MaxPages:N0} (Ingestion:MaxPages)");
        }

        var assembler = new TextAssembler(options.Value, cancellationToken);
        long chars = 0;
        var warnings = new List<string>();
        var ocrText = new Dictionary<int, List<string>>();
        var pages = PdfLayoutReader.Read(document, static _ => (byte)0, cancellationToken, info =>
        {
            // The layout of every page is read before the text is assembled; hold the text bound meanwhile.
            chars += info.Text.Length;
            assembler.EnsureRoom(chars - assembler.Length);
        }, (page, number) =>
        {
            var paragraphs = new List<string>();
            if (!ocr.TryAddPage(page, number, paragraphs, warnings))
            {
                return false;
            }

            ocrText[number] = paragraphs;
            return true;
        });
        var clock = DecodeProfile.Start();
        var hyphens = HyphenPolicy.From(pages.SelectMany(p => p.Blocks).Where(b => b.Info.Role != BlockRole.Furniture).Select(b => b.Info.Text));
        assembler.KeepHyphen = hyphens.KeepHyphen;
        var paragraph = new StringBuilder();
        var furniture = new List<PageFurnitureText>();
        foreach (var page in pages)
        {
            assembler.BeginPage();
            foreach (var (info, _) in page.Blocks)
            {
                if (info.Role == BlockRole.Furniture && TextAssembler.NormalizeLine(info.Text) is { Length: > 0 } kept)
                {
                    furniture.Add(new PageFurnitureText(page.Number, kept));
                }
            }

            if (ocrText.TryGetValue(page.Number, out var recognized))
            {
                // No text layer, or a junk one: the OCR text (or nothing, with the session's warning).
                foreach (var ocrParagraph in recognized)
                {
                    assembler.AddParagraph(ocrParagraph);
                }

                continue;
            }

            paragraph.Clear();
            BlockInfo? opening = null, previous = null;
            foreach (var (info, _) in page.TextOrder())
            {
                if (info.Table is { } table)
                {
                    if (opening is not null)
                    {
                        assembler.AddParagraph(paragraph.ToString(), plain: NeverHeading(opening));
                    }

                    (opening, previous) = (null, null);
                    paragraph.Clear();
                    assembler.AddTable(table.Rows, table.Caption,
                        new PageRegion(page.Number, table.Box.Left, table.Box.Bottom, table.Box.Right, table.Box.Top));
                    continue;
                }

                if (previous is not null && !(previous.Role == BlockRole.Body && info.Role == BlockRole.Body && Continues(paragraph, info.Text)))
                {
                    assembler.AddParagraph(paragraph.ToString(), plain: NeverHeading(opening!));
                    paragraph.Clear();
                    opening = null;
                }

                opening ??= info;
                paragraph.Append(info.Text);
                previous = info;
            }

            if (opening is not null)
            {
                assembler.AddParagraph(paragraph.ToString(), plain: NeverHeading(opening));
            }
        }

        var title = TitleFinder.Find(pages, document.Information.Title);
        var text = assembler.Build(warnings, title) with
        {
            Authors = AuthorsAndDate.Authors(pages, title, document.Information.Author),
            Date = AuthorsAndDate.Date(pages, document.Information.CreationDate),
            Furniture = furniture,
        };
        DecodeProfile.Add(DecodeProfile.Phase.Assemble, clock);
        return text;
    }

    private static bool NeverHeading(BlockInfo opening) => opening.Role != BlockRole.Body || opening.StartsWithMark;

    /// <summary>
    /// Whether the next block continues the paragraph: the paragraph breaks off mid-word ("intro-") or mid-sentence
    /// and the block goes on in lower case (a column or a footnote came between).
    /// </summary>
    private static bool Continues(StringBuilder paragraph, string next)
    {
        var end = paragraph.Length - 1;
        while (end >= 0 && char.IsWhiteSpace(paragraph[end]))
        {
            end--;
        }

        var start = 0;
        while (start < next.Length && char.IsWhiteSpace(next[start]))
        {
            start++;
        }

        if (end < 1 || start >= next.Length || !char.IsLower(next[start]))
        {
            return false;
        }

        var last = paragraph[end];
        return (last == '-' && char.IsLetter(paragraph[end - 1])) || char.IsLetter(last) || last is ',';
    }

    /// <summary>The page's text blocks in reading order: the order the decoded text follows (glyph boxes rely on it).</summary>
    internal static IReadOnlyList<TextBlock> OrderedBlocks(IReadOnlyList<Letter> letters) => PdfLayoutReader.OrderedBlocks(letters);
}
