using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.DocumentLayoutAnalysis;
using UglyToad.PdfPig.DocumentLayoutAnalysis.ReadingOrderDetector;

namespace RagPlatform.Ingestion.Pdf.Layout;

/// <summary>
/// The page's blocks in reading order, by the rule PdfPig's unsupervised detector uses (column-wise Allen interval
/// relations with a tolerance of 5 points, or-ed with the rendering order), computed once per block instead of once
/// per pair. PdfPig's detector averages every letter's rendering sequence again for each of the n² block pairs and
/// removes chosen blocks from n lists; on a page of 60 blocks that was most of the layout time. Here each block's
/// box and mean sequence are read once, the "before" relation is one bit matrix, and the greedy choice (the block
/// that precedes the most blocks still left, the first such on ties) keeps a count per block, so the order is the
/// one the decoder always produced (the text, its offsets and its glyph boxes do not move) at O(n²) cheap steps.
/// </summary>
internal static class ReadingOrder
{
    /// <summary>Coordinates closer than this (points) are equal, as in PdfPig's detector.</summary>
    private const double Tolerance = 5;

    public static List<TextBlock> Order(IReadOnlyList<TextBlock> blocks)
    {
        var n = blocks.Count;
        if (n <= 1)
        {
            return [.. blocks];
        }

        var boxes = new PdfRectangle[n];
        var sequence = new double[n];
        for (var i = 0; i < n; i++)
        {
            boxes[i] = blocks[i].BoundingBox;
            sequence[i] = MeanSequence(blocks[i]);
        }

        var before = new bool[n * n];
        var outgoing = new int[n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                if (i != j && (sequence[i] < sequence[j] || ColumnWiseBefore(boxes[i], boxes[j])))
                {
                    before[(i * n) + j] = true;
                    outgoing[i]++;
                }
            }
        }

        var taken = new bool[n];
        var order = new List<TextBlock>(n);
        for (var step = 0; step < n; step++)
        {
            var best = -1;
            for (var i = 0; i < n; i++)
            {
                if (!taken[i] && (best < 0 || outgoing[i] > outgoing[best]))
                {
                    best = i;
                }
            }

            taken[best] = true;
            order.Add(blocks[best]);
            for (var i = 0; i < n; i++)
            {
                if (!taken[i] && before[(i * n) + best])
                {
                    outgoing[i]--;
                }
            }
        }

        for (var i = 0; i < order.Count; i++)
        {
            order[i].SetReadingOrder(i);
        }

        return order;
    }

    /// <summary>The mean rendering sequence of the block's letters (the order the content stream drew them in).</summary>
    private static double MeanSequence(TextBlock block)
    {
        long sum = 0;
        var count = 0;
        foreach (var line in block.TextLines)
        {
            foreach (var word in line.Words)
            {
                foreach (var letter in word.Letters)
                {
                    sum += letter.TextSequence;
                    count++;
                }
            }
        }

        return count == 0 ? double.NaN : (double)sum / count;
    }

    /// <summary>
    /// Read in columns, top to bottom then left to right: <paramref name="a"/> is left of <paramref name="b"/>
    /// (before it, touching it, or overlapping it from the left while not below it), or above it while sharing
    /// some of its horizontal extent.
    /// </summary>
    private static bool ColumnWiseBefore(PdfRectangle a, PdfRectangle b)
    {
        var x = IntervalRelationsHelper.GetRelationX(a, b, Tolerance);
        if (x is IntervalRelations.Precedes or IntervalRelations.Meets)
        {
            return true;
        }

        var y = IntervalRelationsHelper.GetRelationY(a, b, Tolerance);
        var above = y is IntervalRelations.Precedes or IntervalRelations.Meets or IntervalRelations.Overlaps;
        if (!above)
        {
            return false;
        }

        return x is IntervalRelations.Overlaps or IntervalRelations.Starts or IntervalRelations.FinishesI
            or IntervalRelations.Equals or IntervalRelations.During or IntervalRelations.DuringI or IntervalRelations.Finishes
            or IntervalRelations.StartsI or IntervalRelations.OverlapsI;
    }
}
