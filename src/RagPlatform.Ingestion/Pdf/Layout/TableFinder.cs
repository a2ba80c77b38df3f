using RagPlatform.Ingestion.Normalization;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.DocumentLayoutAnalysis;

namespace RagPlatform.Ingestion.Pdf.Layout;

/// <summary>
/// Finds a page's tables by their captions and aligned columns: from a block that reads as a table caption
/// ("Table 2: ..."), the rows on the caption's side of the page (its column, or the full width for a centred or wide
/// caption) are gathered line by line above or below it while they stay close together and do not read as prose;
/// a row's cells are its words split at gaps wider than a space. The side with more multi-cell rows wins, and it is
/// a table when at least two rows, and half of them, have two cells or more. The table's words leave the blocks they
/// were read into, so they appear once, in the table.
/// </summary>
internal static class TableFinder
{
    /// <summary>A gap between words wider than this many type sizes separates cells (a space is about a third).</summary>
    private const double CellGap = 1.0;

    /// <summary>Rows further apart than this many row heights end the table.</summary>
    private const double RowGap = 1.9;

    /// <summary>The first row may be this many type sizes away from the caption.</summary>
    private const double CaptionGap = 3.5;

    /// <summary>A table has at most this many rows on a page (a guard for pathological pages).</summary>
    private const int MaxRows = 400;

    public static (List<TextBlock> Blocks, List<FoundTable> Tables) Find(IReadOnlyList<TextBlock> blocks, double pageWidth)
    {
        var captions = new List<int>();
        for (var i = 0; i < blocks.Count; i++)
        {
            if (blocks[i].TextOrientation == TextOrientation.Horizontal && blocks[i].TextLines.Count <= 12 && TableCaption.Is(blocks[i].Text))
            {
                captions.Add(i);
            }
        }

        if (captions.Count == 0)
        {
            return (blocks as List<TextBlock> ?? [.. blocks], []);
        }

        var captionSet = captions.ToHashSet();
        var words = new List<Word>();
        for (var i = 0; i < blocks.Count; i++)
        {
            if (!captionSet.Contains(i) && blocks[i].TextOrientation == TextOrientation.Horizontal)
            {
                words.AddRange(blocks[i].TextLines.SelectMany(l => l.Words));
            }
        }

        var taken = new HashSet<Word>(ReferenceEqualityComparer.Instance);
        var tables = new List<FoundTable>();
        var usedCaptions = new HashSet<int>();
        foreach (var c in captions)
        {
            var caption = blocks[c];
            var (left, right) = Columns(caption.BoundingBox, pageWidth);
            var candidates = words.Where(w => !taken.Contains(w) && w.BoundingBox.Left >= left && w.BoundingBox.Right <= right).ToList();
            var rows = Rows(candidates);
            var other = captions.Where(o => o != c).Select(o => blocks[o].BoundingBox).ToList();
            var below = Walk(rows.Where(r => r.Top <= caption.BoundingBox.Bottom + 1).OrderByDescending(r => r.Top), caption.BoundingBox.Bottom, true, right - left, other);
            var above = Walk(rows.Where(r => r.Bottom >= caption.BoundingBox.Top - 1).OrderBy(r => r.Bottom), caption.BoundingBox.Top, false, right - left, other);
            var best = MultiCell(above) >= MultiCell(below) ? above : below;
            if (best.Count < 2 || MultiCell(best) < 2 || 2 * MultiCell(best) < best.Count)
            {
                continue;
            }

            if (best == above)
            {
                best.Reverse(); // rows top to bottom
            }

            best = TableRow.MergeContinuations(best);

            foreach (var row in best)
            {
                taken.UnionWith(row.Words);
            }

            usedCaptions.Add(c);
            tables.Add(FoundTable.From(caption, best));
        }

        if (tables.Count == 0)
        {
            return (blocks as List<TextBlock> ?? [.. blocks], []);
        }

        var remaining = new List<TextBlock>(blocks.Count);
        for (var i = 0; i < blocks.Count; i++)
        {
            if (usedCaptions.Contains(i))
            {
                continue;
            }

            if (Without(blocks[i], taken) is { } kept)
            {
                remaining.Add(kept);
            }
        }

        return (remaining, tables);
    }

    /// <summary>The caption's column: the left or right half for a caption within one half, else the full width.</summary>
    private static (double Left, double Right) Columns(PdfRectangle caption, double pageWidth)
    {
        // A word belongs to a column only when it lies wholly in it, so line ends of the other column stay out.
        var middle = pageWidth / 2;
        var slack = 0.01 * pageWidth;
        return caption.Right <= middle + slack ? (0, middle + slack)
            : caption.Left >= middle - slack ? (middle - slack, pageWidth)
            : (0, pageWidth);
    }

    /// <summary>Rows above (or below) the caption, nearest first, while they stay together and do not read as prose.</summary>
    private static List<TableRow> Walk(IEnumerable<TableRow> rows, double edge, bool downwards, double width, List<PdfRectangle> otherCaptions)
    {
        var found = new List<TableRow>();
        var previousEdge = edge;
        foreach (var row in rows)
        {
            var gap = downwards ? previousEdge - row.Top : row.Bottom - previousEdge;
            var limit = found.Count == 0 ? CaptionGap * row.Size : RowGap * Math.Max(found[^1].Height, row.Height);
            if (gap > limit || found.Count >= MaxRows || row.IsProse(width) || otherCaptions.Exists(o => o.Bottom <= row.Top && o.Top >= row.Bottom))
            {
                break;
            }

            found.Add(row);
            previousEdge = downwards ? row.Bottom : row.Top;
        }

        return found;
    }

    private static int MultiCell(List<TableRow> rows) => rows.Count(r => r.Cells.Count >= 2);

    /// <summary>The words grouped into rows by baseline, left to right.</summary>
    private static List<TableRow> Rows(List<Word> words)
    {
        var rows = new List<TableRow>();
        var current = new List<Word>();
        double baseline = 0, size = 0;
        foreach (var word in words.OrderByDescending(Baseline))
        {
            var b = Baseline(word);
            if (current.Count > 0 && baseline - b > 0.4 * size)
            {
                rows.Add(TableRow.From(current, CellGap));
                current = [];
            }

            if (current.Count == 0)
            {
                (baseline, size) = (b, Math.Max(Size(word), 1));
            }

            current.Add(word);
        }

        if (current.Count > 0)
        {
            rows.Add(TableRow.From(current, CellGap));
        }

        return rows;
    }

    /// <summary>The block without the table's words; null when nothing of it is left.</summary>
    private static TextBlock? Without(TextBlock block, HashSet<Word> taken)
    {
        if (!block.TextLines.Any(l => l.Words.Any(taken.Contains)))
        {
            return block;
        }

        var lines = new List<TextLine>();
        foreach (var line in block.TextLines)
        {
            var kept = line.Words.Where(w => !taken.Contains(w)).ToList();
            if (kept.Count > 0)
            {
                lines.Add(kept.Count == line.Words.Count ? line : new TextLine(kept, " "));
            }
        }

        return lines.Count == 0 ? null : new TextBlock(lines, "\n");
    }

    internal static double Baseline(Word word) => word.Letters.Count == 0 ? word.BoundingBox.Bottom : word.Letters[0].StartBaseLine.Y;

    internal static double Size(Word word) => word.Letters.Count == 0 ? word.BoundingBox.Height : GapWordExtractor.Size(word.Letters[0], word.Letters[0]);
}
