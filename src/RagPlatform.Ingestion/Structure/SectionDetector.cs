using RagPlatform.Core.Documents;

namespace RagPlatform.Ingestion.Structure;

/// <summary>
/// Finds headings in normalized text (the first line of each paragraph) and builds the section tree, in pre-order.
/// Headings the format declared (styles, h1-h6, #) outrank detected ones; detected legal and scientific numbering
/// nests by rank ("Article 5" &gt; "Section 2" &gt; "1.1" &gt; "(a)" &gt; "(1)").
/// </summary>
internal static class SectionDetector
{
    private const int MaxPathPart = 80;

    public static IReadOnlyList<Section> Detect(string text, IReadOnlyList<HeadingMark> declared, CancellationToken cancellationToken, IReadOnlySet<int>? plain = null)
    {
        var paragraphs = 0;
        var candidates = new List<HeadingCandidate>();
        var declaredIndex = 0;
        var pos = 0;
        while (pos < text.Length)
        {
            if (++paragraphs % 1024 == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            var paragraphEnd = text.IndexOf("\n\n", pos, StringComparison.Ordinal);
            if (paragraphEnd < 0)
            {
                paragraphEnd = text.Length;
            }

            while (declaredIndex < declared.Count && declared[declaredIndex].Start < pos)
            {
                declaredIndex++;
            }

            var lineEnd = text.IndexOf('\n', pos, paragraphEnd - pos);
            if (lineEnd < 0)
            {
                lineEnd = paragraphEnd;
            }

            if (declaredIndex < declared.Count && declared[declaredIndex].Start == pos)
            {
                var mark = declared[declaredIndex];
                var line = text[mark.Start..mark.End].Replace('\n', ' ');
                var parsed = HeadingPatterns.Match(line, pos);
                candidates.Add(new HeadingCandidate(mark.Start, mark.End, parsed?.Number, parsed?.Title ?? line, line, mark.Level - 10));
            }
            else if (plain?.Contains(pos) != true && HeadingPatterns.Match(text[pos..lineEnd], pos) is { } candidate)
            {
                candidates.Add(candidate);
            }

            pos = paragraphEnd + 2;
        }

        return Build(candidates, text.Length);
    }

    private static List<Section> Build(List<HeadingCandidate> candidates, int textLength)
    {
        var sections = new List<Section>(candidates.Count);
        var open = new List<(int Rank, int Index, string Label)>();
        foreach (var c in candidates)
        {
            while (open.Count > 0 && open[^1].Rank >= c.Rank)
            {
                Close(sections, open[^1].Index, c.Start);
                open.RemoveAt(open.Count - 1);
            }

            var label = c.Label.Length <= MaxPathPart ? c.Label : string.Concat(c.Label.AsSpan(0, MaxPathPart), "…");
            var path = open.Count == 0 ? label : string.Join(" > ", open.Select(o => o.Label).Append(label));
            sections.Add(new Section(c.Title, c.Number, open.Count + 1, c.Start, textLength, path));
            open.Add((c.Rank, sections.Count - 1, label));
        }

        return sections;
    }

    private static void Close(List<Section> sections, int index, int end) =>
        sections[index] = sections[index] with { CharEnd = end };
}
