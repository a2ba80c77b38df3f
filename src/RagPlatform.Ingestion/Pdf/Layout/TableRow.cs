using UglyToad.PdfPig.Content;

namespace RagPlatform.Ingestion.Pdf.Layout;

/// <summary>One row of a PDF table: its words left to right, split into cells at wide gaps.</summary>
internal sealed class TableRow
{
    private TableRow(List<Word> words, List<List<Word>> cells, double size)
    {
        Words = words;
        Cells = cells;
        Size = size;
        Top = words.Max(w => w.BoundingBox.Top);
        Bottom = words.Min(w => w.BoundingBox.Bottom);
    }

    public List<Word> Words { get; }

    public List<List<Word>> Cells { get; }

    public double Size { get; }

    public double Top { get; }

    public double Bottom { get; private set; }

    public double Height => Math.Max(Top - Bottom, 1);

    public static TableRow From(List<Word> words, double cellGap)
    {
        words.Sort((a, b) => a.BoundingBox.Left.CompareTo(b.BoundingBox.Left));
        var sizes = words.Select(TableFinder.Size).Order().ToList();
        var size = Math.Max(sizes[sizes.Count / 2], 1);
        var cells = new List<List<Word>> { new() { words[0] } };
        for (var i = 1; i < words.Count; i++)
        {
            if (words[i].BoundingBox.Left - words[i - 1].BoundingBox.Right > cellGap * size)
            {
                cells.Add([]);
            }

            cells[^1].Add(words[i]);
        }

        return new TableRow(words, cells, size);
    }

    /// <summary>
    /// Rows (top to bottom) with each wrapped cell's second line joined to the cell above: a one-cell row that starts
    /// right of the table's first column and under a cell of the row above continues that cell ("consid-" / "ered").
    /// </summary>
    public static List<TableRow> MergeContinuations(List<TableRow> rows)
    {
        var left = rows.Min(r => r.Words[0].BoundingBox.Left);
        var merged = new List<TableRow>(rows.Count);
        foreach (var row in rows)
        {
            var cell = row.Cells[0];
            var (start, end) = (cell[0].BoundingBox.Left, cell[^1].BoundingBox.Right);
            var above = merged.Count == 0 ? -1 : merged[^1].Cells.FindIndex(c => c[0].BoundingBox.Left < end && c[^1].BoundingBox.Right > start);
            if (row.Cells.Count == 1 && above > 0 && start > left + (2 * row.Size) && merged[^1].Cells.Count >= 2)
            {
                merged[^1].Continued(above, row);
                continue;
            }

            merged.Add(row);
        }

        return merged;
    }

    private readonly Dictionary<int, List<Word>> _continued = [];

    /// <summary>Words of the next line that continue cell <paramref name="cell"/>; the row keeps them in its words, after its own.</summary>
    private void Continued(int cell, TableRow next)
    {
        if (!_continued.TryGetValue(cell, out var words))
        {
            _continued[cell] = words = [];
        }

        words.AddRange(next.Words);
        Bottom = Math.Min(Bottom, next.Bottom);
    }

    /// <summary>The row's words in its text's order: cell by cell, each followed by its continuation lines.</summary>
    public List<Word> TextOrderWords() =>
        Cells.SelectMany((c, i) => _continued.TryGetValue(i, out var more) ? c.Concat(more) : c).ToList();

    /// <summary>A cell of many words spanning much of the width: a line of prose, which ends a table.</summary>
    public bool IsProse(double width) => Cells.Exists(c => c.Count >= 6 && c[^1].BoundingBox.Right - c[0].BoundingBox.Left >= 0.6 * width);

    /// <summary>The cells' texts.</summary>
    public List<string> CellTexts() => Cells.Select((c, i) => string.Join(' ', c.Select(w => w.Text))
        + (_continued.TryGetValue(i, out var more) ? "\n" + string.Join(' ', more.Select(w => w.Text)) : "")).ToList();
}
