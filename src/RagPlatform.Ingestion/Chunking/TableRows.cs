namespace RagPlatform.Ingestion.Chunking;

/// <summary>A table's span as its lines (the caption, then one row a line): the units its chunks are packed from.</summary>
internal static class TableRows
{
    public static void Split(string text, int start, int end, List<(int Start, int End)> rows)
    {
        var pos = start;
        while (pos < end)
        {
            var lineEnd = text.IndexOf('\n', pos, end - pos);
            if (lineEnd < 0)
            {
                lineEnd = end;
            }

            var (s, e) = (pos, lineEnd);
            while (s < e && char.IsWhiteSpace(text[s]))
            {
                s++;
            }

            while (e > s && char.IsWhiteSpace(text[e - 1]))
            {
                e--;
            }

            if (e > s)
            {
                rows.Add((s, e));
            }

            pos = lineEnd + 1;
        }
    }
}
