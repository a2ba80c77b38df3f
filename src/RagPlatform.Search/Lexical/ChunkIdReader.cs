using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace RagPlatform.Search.Lexical;

/// <summary>
/// Reads the chunk and document ids of hits from doc values, without loading and decompressing stored fields. Segments
/// written before the ids had doc values fall back to the stored fields.
/// </summary>
internal sealed class ChunkIdReader(IndexSearcher searcher)
{
    private static readonly HashSet<string> s_idFields = [LuceneFields.ChunkId, LuceneFields.DocumentId];

    private readonly IList<AtomicReaderContext> _leaves = searcher.IndexReader.Leaves;
    private readonly Dictionary<int, (BinaryDocValues? Chunk, BinaryDocValues? Document)> _values = [];
    private readonly BytesRef _scratch = new();

    /// <summary>The ids of the hit with the top-level document number <paramref name="doc"/>.</summary>
    public (string ChunkId, Guid DocumentId) Read(int doc)
    {
        var leaf = ReaderUtil.SubIndex(doc, _leaves);
        if (!_values.TryGetValue(leaf, out var values))
        {
            var reader = _leaves[leaf].AtomicReader;
            _values[leaf] = values = (reader.GetBinaryDocValues(LuceneFields.ChunkId), reader.GetBinaryDocValues(LuceneFields.DocumentId));
        }

        if (values.Chunk is null || values.Document is null)
        {
            var stored = searcher.Doc(doc, s_idFields);
            return (stored.Get(LuceneFields.ChunkId), Guid.ParseExact(stored.Get(LuceneFields.DocumentId), "N"));
        }

        var local = doc - _leaves[leaf].DocBase;
        values.Chunk.Get(local, _scratch);
        var chunkId = _scratch.Utf8ToString();
        values.Document.Get(local, _scratch);
        return (chunkId, Guid.ParseExact(_scratch.Utf8ToString(), "N"));
    }
}
