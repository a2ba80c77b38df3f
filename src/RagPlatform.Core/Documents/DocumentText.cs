namespace RagPlatform.Core.Documents;

/// <summary>
/// What a decoder makes of a file: the normalized text that every offset refers to, its pages, its section tree
/// and the warnings a user should see (for example pages without a text layer).
/// </summary>
/// <param name="Text">Normalized text; stored verbatim, every span indexes into it.</param>
/// <param name="Pages">Pages in order, contiguous and covering the text (formats without pages have one page).</param>
/// <param name="Sections">Sections in document order (pre-order of the tree).</param>
/// <param name="Warnings">Human-readable warnings, such as "page 7 has no text layer (scanned?)".</param>
/// <param name="Title">The document's own title when it declares one.</param>
public sealed record DocumentText(
    string Text,
    IReadOnlyList<PageSpan> Pages,
    IReadOnlyList<Section> Sections,
    IReadOnlyList<string> Warnings,
    string? Title)
{
    /// <summary>The document's authors as its first page or properties name them (people, not affiliations).</summary>
    public IReadOnlyList<string> Authors { get; init; } = [];

    /// <summary>The document's date as it states it, ISO 8601 (yyyy-MM-dd) when it parses; else its file's creation date.</summary>
    public string? Date { get; init; }

    /// <summary>Pages whose text was recognized by OCR, in page order (empty when none was; not stored, the warnings are).</summary>
    public IReadOnlyList<OcrPage> OcrPages { get; init; } = [];

    /// <summary>Tables in document order, each its own span of <see cref="Text"/> (not stored; the chunks are).</summary>
    public IReadOnlyList<DocumentTable> Tables { get; init; } = [];

    /// <summary>Page furniture kept out of the text (running headers, page numbers, line numbers, stamps), page by page.</summary>
    public IReadOnlyList<PageFurnitureText> Furniture { get; init; } = [];

    /// <summary>The page number that contains the character at <paramref name="offset"/> (the last page for the end offset).</summary>
    public int PageAt(int offset)
    {
        for (var i = 0; i < Pages.Count; i++)
        {
            if (offset < Pages[i].CharEnd)
            {
                return Pages[i].Number;
            }
        }

        return Pages.Count == 0 ? 1 : Pages[^1].Number;
    }
}
