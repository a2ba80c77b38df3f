using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.DocumentLayoutAnalysis;

namespace RagPlatform.Ingestion.Pdf.Layout;

/// <summary>A table found on a PDF page: its caption, its rows of cells, its box, and one block holding its glyphs in text order.</summary>
internal sealed class FoundTable
{
    public required string Caption { get; init; }

    public required List<List<string>> Rows { get; init; }

    public required PdfRectangle Box { get; init; }

    /// <summary>The caption's lines, then one line per row, words left to right: the order the text (and its glyph boxes) follow.</summary>
    public required TextBlock Block { get; init; }

    public static FoundTable From(TextBlock caption, List<TableRow> rows)
    {
        var lines = caption.TextLines.ToList();
        lines.AddRange(rows.Select(r => new TextLine(r.TextOrderWords(), " ")));
        var words = rows.SelectMany(r => r.TextOrderWords()).ToList();
        var box = new PdfRectangle(
            Math.Min(words.Min(w => w.BoundingBox.Left), caption.BoundingBox.Left),
            Math.Min(words.Min(w => w.BoundingBox.Bottom), caption.BoundingBox.Bottom),
            Math.Max(words.Max(w => w.BoundingBox.Right), caption.BoundingBox.Right),
            Math.Max(words.Max(w => w.BoundingBox.Top), caption.BoundingBox.Top));
        return new FoundTable
        {
            Caption = string.Join('\n', caption.TextLines.Select(l => l.Text)),
            Rows = rows.Select(r => r.CellTexts()).ToList(),
            Box = box,
            Block = new TextBlock(lines, "\n"),
        };
    }
}
