using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using LuceneDirectory = Lucene.Net.Store.Directory;

namespace RagPlatform.Search.Lexical;

/// <summary>
/// One collection's open bm25 index: the folder, a lazily opened writer (held for the process lifetime) and a
/// SearcherManager over the committed snapshot, refreshed after each commit.
/// </summary>
internal sealed class CollectionIndex : IDisposable
{
    private readonly object _gate = new();
    private IndexWriter? _writer;
    private SearcherManager? _searchers;
    private long _nextRefreshCheck;

    public CollectionIndex(string collection, string path, LuceneDirectory directory)
    {
        Collection = collection;
        Path = path;
        Directory = directory;
    }

    public string Collection { get; }

    public string Path { get; }

    public LuceneDirectory Directory { get; }

    /// <summary>The writer, opened on first use; Lucene's write.lock keeps other processes out.</summary>
    public IndexWriter GetWriter(LegalAnalyzer analyzer, Similarity similarity)
    {
        lock (_gate)
        {
            if (_writer is null)
            {
                var config = new IndexWriterConfig(LegalAnalyzer.Version, analyzer)
                {
                    OpenMode = OpenMode.CREATE_OR_APPEND,
                    Similarity = similarity,
                    RAMBufferSizeMB = 64,
                };
                _writer = new IndexWriter(Directory, config);
                if (!DirectoryReader.IndexExists(Directory))
                {
                    _writer.Commit();
                }
            }

            return _writer;
        }
    }

    /// <summary>
    /// Drops the uncommitted changes of a failed batch, so the next batch's commit cannot publish half of it.
    /// Lucene closes a rolled-back writer; the next write opens a new one.
    /// </summary>
    public void Rollback()
    {
        lock (_gate)
        {
            _writer?.Rollback();
            _writer = null;
        }
    }

    /// <summary>The searcher manager, or null while no commit exists.</summary>
    public SearcherManager? GetSearchers(Similarity similarity)
    {
        lock (_gate)
        {
            if (_searchers is null && DirectoryReader.IndexExists(Directory))
            {
                _searchers = new SearcherManager(Directory, new SimilarityFactory(similarity));
            }

            return _searchers;
        }
    }

    /// <summary>True at most once a second of <paramref name="time"/>: time to look for commits made by another process.</summary>
    public bool RefreshDue(TimeProvider time)
    {
        var now = time.GetTimestamp();
        var due = Interlocked.Read(ref _nextRefreshCheck);
        return now >= due && Interlocked.CompareExchange(ref _nextRefreshCheck, now + time.TimestampFrequency, due) == due;
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _searchers?.Dispose();
            _searchers = null;
            _writer?.Dispose();
            _writer = null;
            Directory.Dispose();
        }
    }

    private sealed class SimilarityFactory(Similarity similarity) : SearcherFactory
    {
        public override IndexSearcher NewSearcher(IndexReader reader) => new(reader) { Similarity = similarity };
    }
}
