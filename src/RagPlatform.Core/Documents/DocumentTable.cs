namespace RagPlatform.Core.Documents;

/// <summary>
/// A table of a document: its own span of the normalized text (the caption on the first line when it has one, then
/// one row a line, cells separated by " | "), which the chunker keeps as its own chunk(s).
/// </summary>
/// <param name="CharStart">Start of the table (its caption when it has one) in the normalized text.</param>
/// <param name="CharEnd">End of its last row (exclusive).</param>
/// <param name="Page">The 1-based page it is on.</param>
/// <param name="Caption">Its caption ("Table 2: Results on ..."), when it has one.</param>
/// <param name="Rows">Number of rows (the caption not counted).</param>
/// <param name="Columns">Number of cells of its widest row.</param>
public sealed record DocumentTable(int CharStart, int CharEnd, int Page, string? Caption, int Rows, int Columns)
{
    /// <summary>Where the table is drawn on its page (PDF points, origin bottom left), for the viewer; null for formats without a layout.</summary>
    public PageRegion? Box { get; init; }
}
