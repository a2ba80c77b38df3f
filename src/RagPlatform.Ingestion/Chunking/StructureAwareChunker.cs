using Microsoft.Extensions.Options;
using RagPlatform.Core.Documents;
using RagPlatform.Core.Indexing;

namespace RagPlatform.Ingestion.Chunking;

/// <summary>
/// Packs whole sentences into chunks near the target size. A chunk does not run across a section heading unless it is
/// still small (so a heading stays with the text below it); chunks cut for size overlap by whole sentences. A sentence
/// longer than the hard maximum is cut at a space. Every chunk is an exact, trimmed span of the normalized text.
/// </summary>
internal sealed class StructureAwareChunker(IOptions<IngestionOptions> options) : IChunker
{
    private readonly IngestionOptions _options = options.Value;

    public IReadOnlyList<Chunk> Split(Guid documentId, DocumentText text)
    {
        var target = _options.ChunkTargetChars;
        var max = Math.Max(_options.ChunkMaxChars, target);
        var minBeforeHeading = target / 4;
        var units = new List<CharSpan>();
        foreach (var sentence in SentenceSplitter.Split(text.Text, 0, text.Text.Length))
        {
            HardSplit(text.Text, sentence, max, units);
        }

        var headingStarts = text.Sections.Select(s => s.CharStart).Distinct().Order().ToArray();
        var chunks = new List<Chunk>();
        var current = new List<CharSpan>();
        foreach (var unit in units)
        {
            if (current.Count > 0)
            {
                var length = current[^1].End - current[0].Start;
                var headingBetween = HasHeadingIn(headingStarts, current[^1].End, unit.Start + 1);
                if (headingBetween && length >= minBeforeHeading)
                {
                    Emit(documentId, text, current, chunks);
                    current.Clear();
                }
                else if (unit.End - current[0].Start > target)
                {
                    Emit(documentId, text, current, chunks);
                    current = Overlap(current);
                    if (current.Count > 0 && unit.End - current[0].Start > max)
                    {
                        current.Clear();
                    }
                }
            }

            current.Add(unit);
        }

        if (current.Count > 0)
        {
            Emit(documentId, text, current, chunks);
        }

        return chunks;
    }

    private List<CharSpan> Overlap(List<CharSpan> previous)
    {
        var kept = new List<CharSpan>();
        var length = 0;
        // Walk back over whole sentences, keeping fewer than the chunk had so the next chunk always moves forward.
        for (var i = previous.Count - 1; i > 0; i--)
        {
            length += previous[i].Length;
            if (length > _options.ChunkOverlapChars)
            {
                break;
            }

            kept.Insert(0, previous[i]);
        }

        return kept;
    }

    private static bool HasHeadingIn(int[] headingStarts, int from, int to)
    {
        var index = Array.BinarySearch(headingStarts, from);
        if (index < 0)
        {
            index = ~index;
        }

        return index < headingStarts.Length && headingStarts[index] < to;
    }

    private static void HardSplit(string text, CharSpan sentence, int max, List<CharSpan> units)
    {
        var start = sentence.Start;
        while (sentence.End - start > max)
        {
            var cut = start + max;
            var space = text.LastIndexOf(' ', cut - 1, cut - start - (max / 2));
            cut = space > start ? space : cut;
            units.Add(new CharSpan(start, cut));
            start = cut;
            while (start < sentence.End && char.IsWhiteSpace(text[start]))
            {
                start++;
            }
        }

        if (sentence.End > start)
        {
            units.Add(new CharSpan(start, sentence.End));
        }
    }

    private static void Emit(Guid documentId, DocumentText text, List<CharSpan> units, List<Chunk> chunks)
    {
        var start = units[0].Start;
        var end = units[^1].End;
        var ordinal = chunks.Count;
        chunks.Add(new Chunk(
            Chunk.MakeId(documentId, ordinal),
            documentId,
            ordinal,
            start,
            end,
            text.PageAt(start),
            text.PageAt(end - 1),
            SectionAt(text.Sections, start),
            text.Text[start..end]));
    }

    private static string SectionAt(IReadOnlyList<Section> sections, int offset)
    {
        var path = string.Empty;
        foreach (var section in sections)
        {
            if (section.CharStart > offset)
            {
                break;
            }

            if (offset < section.CharEnd)
            {
                path = section.Path;
            }
        }

        return path;
    }
}
