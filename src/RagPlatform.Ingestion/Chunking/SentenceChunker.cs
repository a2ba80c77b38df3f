using Microsoft.Extensions.Options;
using RagPlatform.Core.Documents;
using RagPlatform.Core.Indexing;
using RagPlatform.Core.Text;

namespace RagPlatform.Ingestion.Chunking;

/// <summary>
/// Structure-aware chunker. The text is cut at every section start; sections smaller than a third of the target are
/// merged with their neighbours; inside a region, whole sentences are packed up to the target size, consecutive
/// chunks share whole trailing sentences up to the overlap, and a sentence longer than the hard maximum is cut at
/// whitespace. A table is a chunk of its own (caption and rows, never mixed with prose); a table longer than the
/// target is cut between rows. Every chunk is trimmed and verbatim: <c>text.Substring(CharStart, CharEnd - CharStart) == Text</c>.
/// </summary>
public sealed class SentenceChunker(IOptions<IngestionOptions> options) : IChunker
{
    private const int CancellationStride = 256;

    public IReadOnlyList<Chunk> Split(Guid documentId, DocumentText text, CancellationToken cancellationToken)
    {
        var o = options.Value;
        var target = o.ChunkTargetChars;
        var max = Math.Max(o.ChunkMaxChars, target);
        var overlap = Math.Min(o.ChunkOverlapChars, target / 2);
        var chunks = new List<Chunk>();
        var sentences = new List<(int Start, int End)>();
        var split = new List<(int Start, int End)>();
        var bounds = Bounds(text);
        var pages = new PageFinder(text.Pages);
        var tables = TableSpans(text);
        foreach (var region in Regions(text, bounds, target / 3, target))
        {
            foreach (var (start, end, isTable) in TableCuts(region, tables))
            {
                cancellationToken.ThrowIfCancellationRequested();
                sentences.Clear();
                if (isTable)
                {
                    TableRows.Split(text.Text, start, end, sentences);
                    HardSplit(text.Text, sentences, max, split);
                    Pack(documentId, text, pages, bounds, split, target, 0, chunks, cancellationToken);
                    continue;
                }

                foreach (var range in SentenceSplitter.Split(text.Text, start, end))
                {
                    sentences.Add((range.Start, range.End));
                }

                HardSplit(text.Text, sentences, max, split);
                Pack(documentId, text, pages, bounds, split, target, overlap, chunks, cancellationToken);
            }
        }

        return chunks;
    }

    /// <summary>The tables' spans in order, without overlaps.</summary>
    private static List<(int Start, int End)> TableSpans(DocumentText text)
    {
        var spans = new List<(int Start, int End)>(text.Tables.Count);
        foreach (var table in text.Tables.OrderBy(t => t.CharStart))
        {
            if (table.CharEnd > table.CharStart && (spans.Count == 0 || table.CharStart >= spans[^1].End))
            {
                spans.Add((table.CharStart, Math.Min(table.CharEnd, text.Text.Length)));
            }
        }

        return spans;
    }

    /// <summary>A region cut into its prose and its tables (a table that crosses the region's edge is cut there too).</summary>
    private static IEnumerable<(int Start, int End, bool IsTable)> TableCuts((int Start, int End) region, List<(int Start, int End)> tables)
    {
        var pos = region.Start;
        var i = FirstEndingAfter(tables, pos);
        for (; i < tables.Count && tables[i].Start < region.End; i++)
        {
            var (start, end) = (Math.Max(tables[i].Start, pos), Math.Min(tables[i].End, region.End));
            if (start > pos)
            {
                yield return (pos, start, false);
            }

            yield return (start, end, true);
            pos = end;
        }

        if (pos < region.End)
        {
            yield return (pos, region.End, false);
        }
    }

    private static int FirstEndingAfter(List<(int Start, int End)> tables, int pos)
    {
        int lo = 0, hi = tables.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (tables[mid].End <= pos)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    /// <summary>Section starts with their paths; at one offset, the deepest section wins.</summary>
    private static List<(int Start, string Path)> Bounds(DocumentText text)
    {
        var bounds = new List<(int Start, string Path)> { (0, string.Empty) };
        foreach (var s in text.Sections)
        {
            if (s.CharStart <= bounds[^1].Start)
            {
                bounds[^1] = (bounds[^1].Start, s.Path); // same start: the deeper (later) section names it
            }
            else if (s.CharStart < text.Text.Length)
            {
                bounds.Add((s.CharStart, s.Path));
            }
        }

        return bounds;
    }

    /// <summary>Section-bounded ranges; a region shorter than <paramref name="small"/> absorbs the following ones while it stays small and fits the target.</summary>
    private static IEnumerable<(int Start, int End)> Regions(DocumentText text, List<(int Start, string Path)> bounds, int small, int target)
    {
        var i = 0;
        while (i < bounds.Count)
        {
            var start = bounds[i].Start;
            var end = i + 1 < bounds.Count ? bounds[i + 1].Start : text.Text.Length;
            var j = i + 1;
            while (j < bounds.Count)
            {
                var nextEnd = j + 1 < bounds.Count ? bounds[j + 1].Start : text.Text.Length;
                if (end - start >= small || nextEnd - start > target)
                {
                    break;
                }

                end = nextEnd;
                j++;
            }

            yield return (start, end);
            i = j;
        }
    }

    /// <summary>Copies <paramref name="sentences"/> into <paramref name="output"/>, cutting any longer than <paramref name="max"/> at whitespace (linear: no list inserts).</summary>
    private static void HardSplit(string text, List<(int Start, int End)> sentences, int max, List<(int Start, int End)> output)
    {
        output.Clear();
        foreach (var sentence in sentences)
        {
            var (start, end) = sentence;
            while (end - start > max)
            {
                var cut = start + max;
                var space = cut;
                while (space > start + (max / 2) && !char.IsWhiteSpace(text[space]))
                {
                    space--;
                }

                if (space > start + (max / 2))
                {
                    cut = space;
                }

                var firstEnd = cut;
                while (firstEnd > start && char.IsWhiteSpace(text[firstEnd - 1]))
                {
                    firstEnd--;
                }

                var secondStart = cut;
                while (secondStart < end && char.IsWhiteSpace(text[secondStart]))
                {
                    secondStart++;
                }

                output.Add((start, firstEnd));
                start = secondStart;
            }

            if (end > start)
            {
                output.Add((start, end));
            }
        }
    }

    private static void Pack(
        Guid documentId,
        DocumentText text,
        PageFinder pages,
        List<(int Start, string Path)> bounds,
        List<(int Start, int End)> sentences,
        int target,
        int overlap,
        List<Chunk> chunks,
        CancellationToken cancellationToken)
    {
        var first = 0;
        while (first < sentences.Count)
        {
            if (chunks.Count % CancellationStride == CancellationStride - 1)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            var last = first;
            while (last + 1 < sentences.Count && sentences[last + 1].End - sentences[first].Start <= target)
            {
                last++;
            }

            var start = sentences[first].Start;
            var end = sentences[last].End;
            chunks.Add(new Chunk(
                Chunk.MakeId(documentId, chunks.Count),
                documentId,
                chunks.Count,
                start,
                end,
                pages.At(start),
                pages.At(end - 1),
                SectionAt(bounds, start),
                text.Text[start..end]));
            if (last + 1 >= sentences.Count)
            {
                break;
            }

            // Overlap: whole trailing sentences of this chunk within the budget, but always move forward.
            var next = last + 1;
            while (next - 1 > first && end - sentences[next - 1].Start <= overlap)
            {
                next--;
            }

            first = next;
        }
    }

    /// <summary>The path of the innermost section containing <paramref name="pos"/> (the last bound at or before it).</summary>
    private static string SectionAt(List<(int Start, string Path)> bounds, int pos)
    {
        int lo = 0, hi = bounds.Count - 1;
        while (lo < hi)
        {
            var mid = (lo + hi + 1) / 2;
            if (bounds[mid].Start <= pos)
            {
                lo = mid;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return bounds[lo].Path;
    }
}
