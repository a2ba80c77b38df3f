using Lucene.Net.Analysis;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using RagPlatform.Core.Errors;
using LuceneDirectory = Lucene.Net.Store.Directory;

namespace RagPlatform.Search.Lexical;

/// <summary>
/// One collection's BM25 index folder: a writer opened on first write (it holds Lucene's write.lock for the life of
/// the process) and a searcher manager over committed snapshots, refreshed after each commit and before each search so
/// commits by another process are seen too.
/// </summary>
internal sealed class CollectionIndex : IDisposable
{
    private readonly string _collection;
    private readonly string _path;
    private readonly Analyzer _analyzer;
    private readonly Similarity _similarity;
    private readonly System.Threading.Lock _lock = new();
    private LuceneDirectory? _directory;
    private IndexWriter? _writer;
    private SearcherManager? _searchers;

    public CollectionIndex(string collection, string path, Analyzer analyzer, Similarity similarity)
    {
        _collection = collection;
        _path = path;
        _analyzer = analyzer;
        _similarity = similarity;
    }

    public IndexWriter Writer
    {
        get
        {
            lock (_lock)
            {
                if (_writer is not null)
                {
                    return _writer;
                }

                System.IO.Directory.CreateDirectory(_path);
                try
                {
                    _writer = new IndexWriter(Directory, new IndexWriterConfig(LegalAnalyzer.Version, _analyzer)
                    {
                        Similarity = _similarity,
                        OpenMode = OpenMode.CREATE_OR_APPEND,
                        RAMBufferSizeMB = 64,
                    });
                    return _writer;
                }
                catch (LockObtainFailedException ex)
                {
                    throw new IndexUnavailableException(
                        $"The bm25 index of collection '{_collection}' is locked by another process (one writer per index: stop the server or the other 'ragp' first).",
                        isTransient: true,
                        ex);
                }
                catch (Exception ex) when (ex is CorruptIndexException or IndexFormatTooOldException or IndexFormatTooNewException or EndOfStreamException)
                {
                    throw Corrupt(ex);
                }
            }
        }
    }

    /// <summary>Runs <paramref name="action"/> with a searcher over the latest commit, or returns <paramref name="empty"/> when there is no index yet.</summary>
    public T Search<T>(Func<IndexSearcher, T> action, T empty)
    {
        var searchers = Searchers();
        if (searchers is null)
        {
            return empty;
        }

        searchers.MaybeRefresh();
        var searcher = searchers.Acquire();
        try
        {
            return action(searcher);
        }
        finally
        {
            searchers.Release(searcher);
        }
    }

    public void Commit()
    {
        Writer.Commit();
        Searchers()?.MaybeRefreshBlocking();
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _searchers?.Dispose();
            _writer?.Dispose();
            _directory?.Dispose();
            _searchers = null;
            _writer = null;
            _directory = null;
        }
    }

    private LuceneDirectory Directory => _directory ??= FSDirectory.Open(_path);

    private SearcherManager? Searchers()
    {
        lock (_lock)
        {
            if (_searchers is not null)
            {
                return _searchers;
            }

            if (!System.IO.Directory.Exists(_path))
            {
                return null;
            }

            try
            {
                if (!DirectoryReader.IndexExists(Directory))
                {
                    return null;
                }

                _searchers = new SearcherManager(Directory, new Bm25SearcherFactory(_similarity));
                return _searchers;
            }
            catch (Exception ex) when (ex is CorruptIndexException or IndexFormatTooOldException or IndexFormatTooNewException or EndOfStreamException)
            {
                throw Corrupt(ex);
            }
        }
    }

    private IndexUnavailableException Corrupt(Exception ex)
        => new($"The bm25 index of collection '{_collection}' at {_path} is damaged ({ex.Message}); delete the folder and re-index the collection.", isTransient: false, ex);

    private sealed class Bm25SearcherFactory(Similarity similarity) : SearcherFactory
    {
        public override IndexSearcher NewSearcher(IndexReader reader) => new(reader) { Similarity = similarity };
    }
}
