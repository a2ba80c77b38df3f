using RagPlatform.Core.Documents;

namespace RagPlatform.Core.Trees;

/// <summary>
/// Cuts a document into leaf segments of about the target size that follow its structure: a leaf is a run of
/// consecutive chunks (so it never splits a sentence), closed early at a top-level heading (sections, articles,
/// clauses) once it holds a fair share of the target. Leaves tile the text from the first chunk to the last.
/// </summary>
internal static class LeafSegmenter
{
    private const int CharsPerToken = 4;

    // A leaf shorter than this share of the target does not close at a heading: merge small sections.
    private const double MinShareAtHeading = 0.6;

    public static IReadOnlyList<CharSpan> Segment(IReadOnlyList<Chunk> chunks, IReadOnlyList<Section> sections, int leafTokens)
    {
        if (chunks.Count == 0)
        {
            return [];
        }

        var ordered = chunks.OrderBy(c => c.CharStart).ToList();
        var headings = sections.Where(s => s.Level <= 2).Select(s => s.CharStart).Order().ToArray();
        var target = leafTokens * CharsPerToken;
        var starts = new List<int> { ordered[0].CharStart };
        var size = 0;
        for (var i = 0; i < ordered.Count; i++)
        {
            // A chunk's own share of the text: from its start to the next chunk's start (chunks overlap).
            var end = i + 1 < ordered.Count ? ordered[i + 1].CharStart : ordered[i].CharEnd;
            var length = Math.Max(0, end - ordered[i].CharStart);
            if (i > 0 && size > 0)
            {
                var atHeading = HeadingBetween(headings, ordered[i - 1].CharStart, ordered[i].CharStart);
                if ((size + length > target || (atHeading && size >= target * MinShareAtHeading)) && ordered[i].CharStart > starts[^1])
                {
                    starts.Add(ordered[i].CharStart);
                    size = 0;
                }
            }

            size += length;
        }

        var last = ordered.Max(c => c.CharEnd);
        return [.. starts.Select((s, i) => new CharSpan(s, i + 1 < starts.Count ? starts[i + 1] : last))];
    }

    // True when a heading starts in (previous, current]: the current chunk opens a new top-level section.
    private static bool HeadingBetween(int[] headings, int previous, int current)
    {
        var index = Array.BinarySearch(headings, previous + 1);
        if (index < 0)
        {
            index = ~index;
        }

        return index < headings.Length && headings[index] <= current;
    }
}
