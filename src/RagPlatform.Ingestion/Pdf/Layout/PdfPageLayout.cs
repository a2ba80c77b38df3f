using System.Text;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.DocumentLayoutAnalysis;

namespace RagPlatform.Ingestion.Pdf.Layout;

/// <summary>What a block of a page is: body text, page furniture (kept out of the text), a footnote or a caption.</summary>
internal enum BlockRole
{
    Body,
    Furniture,
    Caption,
    Footnote,
    Table,
}

/// <summary>One text block of a page: its text (lines joined by "\n"), box, type size and role.</summary>
internal sealed class BlockInfo
{
    public required string Text { get; init; }

    public required PdfRectangle Box { get; init; }

    public required TextOrientation Orientation { get; init; }

    /// <summary>Median type size of the block's letters.</summary>
    public required double Size { get; init; }

    public required int Lines { get; init; }

    /// <summary>Characters (letters and digits) in the block, to weigh its type size.</summary>
    public required int Chars { get; init; }

    /// <summary>Most of its letters are set in a bold face.</summary>
    public required bool Bold { get; init; }

    /// <summary>It starts with a raised mark in smaller type (a footnote or affiliation mark): never a heading.</summary>
    public required bool StartsWithMark { get; init; }

    /// <summary>The table this block is (its caption and rows), when it is one.</summary>
    public FoundTable? Table { get; init; }

    public BlockRole Role { get; set; }
}

/// <summary>A page's blocks in reading order, each with what the caller kept of it (its text, its glyphs).</summary>
internal sealed class PdfPageLayout<T>
{
    public required int Number { get; init; }

    public required double Width { get; init; }

    public required double Height { get; init; }

    public required List<(BlockInfo Info, T Payload)> Blocks { get; init; }

    /// <summary>True when the page has no letters that are not whitespace.</summary>
    public bool NoTextLayer { get; init; }

    /// <summary>The blocks in the order the document's text uses: body, then tables, then captions, then footnotes; no furniture.</summary>
    public IEnumerable<(BlockInfo Info, T Payload)> TextOrder() =>
        Blocks.Where(b => b.Info.Role == BlockRole.Body)
            .Concat(Blocks.Where(b => b.Info.Role == BlockRole.Table))
            .Concat(Blocks.Where(b => b.Info.Role == BlockRole.Caption))
            .Concat(Blocks.Where(b => b.Info.Role == BlockRole.Footnote));
}

/// <summary>
/// Reads every page of a PDF into blocks (gap-based words and lines, paragraph blocks, unsupervised reading order)
/// and classifies them across pages. The decoder and the glyph mapper both read through here, so the text and its
/// glyph boxes always follow the same blocks in the same order.
/// </summary>
internal static class PdfLayoutReader
{
    /// <summary>Every page's blocks, classified; <paramref name="keep"/> picks what to hold of each block.</summary>
    /// <param name="document">The open PDF.</param>
    /// <param name="keep">What the caller keeps of a block (its glyphs; nothing for the decoder, which keeps the text).</param>
    /// <param name="cancellationToken">Checked between pages.</param>
    /// <param name="blockRead">Called for each block as it is read (the decoder's size bound).</param>
    /// <param name="takeOver">Called first for each page; a page it takes (OCR) gets no blocks here.</param>
    public static List<PdfPageLayout<T>> Read<T>(PdfDocument document, Func<TextBlock, T> keep, CancellationToken cancellationToken,
        Action<BlockInfo>? blockRead = null, Func<Page, int, bool>? takeOver = null)
    {
        var pages = new List<PdfPageLayout<T>>(document.NumberOfPages);
        for (var number = 1; number <= document.NumberOfPages; number++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var clock = DecodeProfile.Start();
            var page = document.GetPage(number);
            var blocks = new List<(BlockInfo, T)>();
            clock = DecodeProfile.Add(DecodeProfile.Phase.PageParse, clock);
            var taken = takeOver?.Invoke(page, number) == true;
            var letters = taken ? [] : page.Letters;
            var noText = !letters.Any(l => !string.IsNullOrWhiteSpace(l.Value));
            clock = DecodeProfile.Add(DecodeProfile.Phase.OcrCheck, clock);
            if (!noText)
            {
                var ordered = OrderedBlocks(letters);
                clock = DecodeProfile.Start();
                var (kept, tables) = TableFinder.Find(ordered, page.Width);
                clock = DecodeProfile.Add(DecodeProfile.Phase.Tables, clock);
                foreach (var block in kept)
                {
                    var info = Describe(block);
                    blockRead?.Invoke(info);
                    blocks.Add((info, keep(block)));
                }

                foreach (var table in tables)
                {
                    var info = Describe(table.Block, table);
                    blockRead?.Invoke(info);
                    blocks.Add((info, keep(table.Block)));
                }

                DecodeProfile.Add(DecodeProfile.Phase.Describe, clock);
            }

            pages.Add(new PdfPageLayout<T> { Number = number, Width = page.Width, Height = page.Height, Blocks = blocks, NoTextLayer = noText });
        }

        var furniture = DecodeProfile.Start();
        PageFurniture.Classify(pages);
        DecodeProfile.Add(DecodeProfile.Phase.Furniture, furniture);
        return pages;
    }

    /// <summary>The page's text blocks in reading order.</summary>
    public static IReadOnlyList<TextBlock> OrderedBlocks(IReadOnlyList<Letter> letters)
    {
        var clock = DecodeProfile.Start();
        var blocks = LineBlocks.Group(GapWordExtractor.GetLines(letters));
        clock = DecodeProfile.Add(DecodeProfile.Phase.WordsAndLines, clock);
        var ordered = ReadingOrder.Order(blocks);
        DecodeProfile.Add(DecodeProfile.Phase.ReadingOrder, clock);
        return ordered;
    }

    private static BlockInfo Describe(TextBlock block, FoundTable? table = null)
    {
        var sizes = new List<double>();
        var (chars, bold) = (0, 0);
        Letter? first = null;
        // Letters of a block mostly share a font: the bold test runs once per change of font name, not per letter.
        string? font = null;
        var fontBold = false;
        foreach (var line in block.TextLines)
        {
            foreach (var word in line.Words)
            {
                foreach (var letter in word.Letters)
                {
                    if (string.IsNullOrWhiteSpace(letter.Value))
                    {
                        continue;
                    }

                    first ??= letter;
                    sizes.Add(GapWordExtractor.Size(letter, letter));
                    var n = 0;
                    foreach (var c in letter.Value)
                    {
                        n += char.IsLetterOrDigit(c) ? 1 : 0;
                    }

                    chars += n;
                    if (!ReferenceEquals(letter.FontName, font))
                    {
                        (font, fontBold) = (letter.FontName, IsBold(letter.FontName));
                    }

                    bold += fontBold ? n : 0;
                }
            }
        }

        sizes.Sort();
        var median = sizes.Count == 0 ? 0 : sizes[sizes.Count / 2];
        var text = new StringBuilder();
        foreach (var line in block.TextLines)
        {
            text.Append(line.Text).Append('\n');
        }

        return new BlockInfo
        {
            Text = text.ToString(),
            Box = block.BoundingBox,
            Orientation = block.TextOrientation,
            Size = median,
            Lines = block.TextLines.Count,
            Chars = chars,
            Bold = chars > 0 && bold >= 0.6 * chars,
            StartsWithMark = first is not null && GapWordExtractor.Size(first, first) < 0.85 * median,
            Table = table,
        };
    }

    private static bool IsBold(string? font) => font is not null
        && (font.Contains("Bold", StringComparison.OrdinalIgnoreCase) || font.Contains("Black", StringComparison.OrdinalIgnoreCase)
            || font.Contains("Heavy", StringComparison.OrdinalIgnoreCase) || font.Contains("Semibold", StringComparison.OrdinalIgnoreCase)
            || font.EndsWith(".B", StringComparison.Ordinal) || font.EndsWith("-B", StringComparison.Ordinal));
}
