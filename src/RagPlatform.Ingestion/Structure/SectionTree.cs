using RagPlatform.Core.Documents;
using RagPlatform.Ingestion.Text;

namespace RagPlatform.Ingestion.Structure;

/// <summary>Turns heading marks into sections: each ends where the next heading of the same or a higher level starts.</summary>
internal static class SectionTree
{
    public static IReadOnlyList<Section> Build(IReadOnlyList<HeadingMark> headings, int textLength)
    {
        var ordered = headings.OrderBy(h => h.CharStart).ToList();
        var sections = new List<Section>(ordered.Count);
        var stack = new List<(int Level, string Label)>();
        for (var i = 0; i < ordered.Count; i++)
        {
            var heading = ordered[i];
            var end = textLength;
            for (var j = i + 1; j < ordered.Count; j++)
            {
                if (ordered[j].Level <= heading.Level)
                {
                    end = ordered[j].CharStart;
                    break;
                }
            }

            while (stack.Count > 0 && stack[^1].Level >= heading.Level)
            {
                stack.RemoveAt(stack.Count - 1);
            }

            var label = Label(heading);
            stack.Add((heading.Level, label));
            sections.Add(new Section(heading.Title, heading.Number, heading.Level, heading.CharStart, end, string.Join(" > ", stack.Select(s => s.Label))));
        }

        return sections;
    }

    private static string Label(HeadingMark heading)
    {
        var title = heading.Title.Length > 80 ? heading.Title[..80].TrimEnd() + "…" : heading.Title;
        return title;
    }
}
