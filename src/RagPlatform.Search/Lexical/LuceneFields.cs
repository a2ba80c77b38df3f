namespace RagPlatform.Search.Lexical;

/// <summary>Field names of the bm25 index.</summary>
internal static class LuceneFields
{
    public const string ChunkId = "chunkId";
    public const string DocumentId = "documentId";
    public const string Ordinal = "ordinal";
    public const string Title = "title";
    public const string Source = "source";
    public const string PageStart = "pageStart";
    public const string PageEnd = "pageEnd";
    public const string CharStart = "charStart";
    public const string CharEnd = "charEnd";
    public const string Section = "section";
    public const string Text = "text";

    /// <summary>Characters of the indexed text field that precede the chunk text (the title, in flat mode).</summary>
    public const string TextOffset = "textOffset";
}
