namespace RagPlatform.Search.Lexical;

/// <summary>Field names of the BM25 index.</summary>
internal static class LuceneFields
{
    public const string ChunkId = "chunkId";
    public const string DocumentId = "docId";
    public const string Contents = "contents";
    public const string Text = "text";
    public const string Title = "title";
    public const string Source = "source";
    public const string Section = "section";
    public const string Ordinal = "ordinal";
    public const string PageStart = "pageStart";
    public const string PageEnd = "pageEnd";
    public const string CharStart = "charStart";
    public const string CharEnd = "charEnd";
}
