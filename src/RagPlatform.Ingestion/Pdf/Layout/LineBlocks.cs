using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.DocumentLayoutAnalysis;

namespace RagPlatform.Ingestion.Pdf.Layout;

/// <summary>
/// Groups a page's line pieces (in stream order) into paragraph blocks: a line joins the block above it when it has
/// the same orientation and type size, sits one line pitch below, overlaps it horizontally, and neither ends the
/// paragraph: a short line before a longer one (a paragraph's last line, a heading), a first-line indent, or extra
/// space (a paragraph or heading skip) starts a new block.
/// </summary>
internal static class LineBlocks
{
    public static List<TextBlock> Group(List<List<Word>> pieces)
    {
        var blocks = new List<TextBlock>();
        var current = new List<LineGeometry>();
        foreach (var piece in pieces)
        {
            var line = new LineGeometry(new TextLine(piece, " "));
            if (current.Count > 0 && !Continues(current, line))
            {
                blocks.Add(Block(current));
                current.Clear();
            }

            current.Add(line);
        }

        if (current.Count > 0)
        {
            blocks.Add(Block(current));
        }

        return blocks;
    }

    private static TextBlock Block(List<LineGeometry> lines) => new(lines.Select(l => l.Line).ToList(), "\n");

    private static bool Continues(List<LineGeometry> block, LineGeometry line)
    {
        var previous = block[^1];
        if (line.Orientation != TextOrientation.Horizontal || previous.Orientation != TextOrientation.Horizontal)
        {
            return false;
        }

        var size = Math.Max(previous.Size, line.Size);
        if (Math.Abs(previous.Size - line.Size) > 0.2 * size)
        {
            return false;
        }

        var drop = previous.Baseline - line.Baseline;
        var pitch = block.Count >= 2 ? block[^2].Baseline - previous.Baseline : 0;
        // Double spacing (filings, transcripts) is recognised between long lines only, not in stacks of short ones.
        var longLines = previous.Right - previous.Left >= 25 * size && line.Right - line.Left >= 12 * size;
        var maxDrop = pitch > 0.6 * size ? 1.3 * pitch : longLines ? 2.4 * size : 1.7 * size;
        if (drop < 0.6 * size || drop > maxDrop)
        {
            return false;
        }

        var (left, right) = (block.Min(l => l.Left), block.Max(l => l.Right));
        if (line.Left > right || line.Right < left || line.Left < left - 1.5 * size)
        {
            return false;
        }

        // A short line ends a paragraph (its last line, or a heading): in justified text (two lines above reach the
        // right edge) any line that stops two type sizes short; in ragged text only a line under half the width.
        var width = Math.Max(right, line.Right) - left;
        var justified = block.Count >= 3 && block.Take(block.Count - 1).Count(l => l.Right >= right - 0.5 * size) >= 2;
        if ((justified && previous.Right < right - 2 * size) || previous.Right - left < 0.5 * width)
        {
            return false;
        }

        // A first-line indent under lines that start flush left starts a paragraph (a hanging indent does not).
        return !(block.Count >= 2 && line.Left > left + 0.8 * size && line.Left < left + 6 * size && previous.Left <= left + 0.3 * size);
    }

    private sealed class LineGeometry
    {
        public LineGeometry(TextLine line)
        {
            Line = line;
            Orientation = line.TextOrientation;
            var box = line.BoundingBox;
            (Left, Right) = (box.Left, box.Right);
            // The most common baseline (to 0.1 pt; of equals, the one met first) and the median type size.
            var baselines = new Dictionary<double, int>();
            var seen = new List<double>();
            var sizes = new List<double>();
            foreach (var word in line.Words)
            {
                foreach (var letter in word.Letters)
                {
                    var y = Math.Round(letter.StartBaseLine.Y, 1);
                    if (!baselines.TryAdd(y, 1))
                    {
                        baselines[y]++;
                    }
                    else
                    {
                        seen.Add(y);
                    }

                    sizes.Add(GapWordExtractor.Size(letter, letter));
                }
            }

            var (baseline, most) = (box.Bottom, 0);
            foreach (var y in seen)
            {
                if (baselines[y] > most)
                {
                    (baseline, most) = (y, baselines[y]);
                }
            }

            Baseline = baseline;
            sizes.Sort();
            Size = sizes.Count == 0 ? Math.Max(box.Height, 1) : sizes[sizes.Count / 2];
        }

        public TextLine Line { get; }

        public TextOrientation Orientation { get; }

        public double Left { get; }

        public double Right { get; }

        public double Baseline { get; }

        public double Size { get; }
    }
}
