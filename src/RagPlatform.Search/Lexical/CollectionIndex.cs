using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Microsoft.Extensions.Logging;
using RagPlatform.Core.Errors;
using LuceneDirectory = Lucene.Net.Store.Directory;

namespace RagPlatform.Search.Lexical;

/// <summary>
/// One collection's open bm25 index: the folder, a lazily opened writer (held for the process lifetime) and a
/// SearcherManager over the committed snapshot, refreshed after each commit. Lucene's errors leave it as
/// <see cref="IndexUnavailableException"/> (<see cref="Guard{T}"/>).
/// </summary>
internal sealed class CollectionIndex : IDisposable
{
    private readonly object _gate = new();
    private readonly ILogger _logger;
    private IndexWriter? _writer;
    private SearcherManager? _searchers;

    public CollectionIndex(string collection, string path, LuceneDirectory directory, ILogger logger)
    {
        Collection = collection;
        Path = path;
        Directory = directory;
        _logger = logger;
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

    /// <summary>Runs <paramref name="action"/>, reporting a locked or damaged index as <see cref="IndexUnavailableException"/>.</summary>
    public T Guard<T>(Func<T> action)
    {
        try
        {
            return action();
        }
        catch (LockObtainFailedException ex)
        {
            Log.Bm25Locked(_logger, ex, Collection);
            throw new IndexUnavailableException(
                $"The bm25 index of collection '{Collection}' is locked by another process ({Path}).", isTransient: true, ex);
        }
        catch (Exception ex) when (ex is CorruptIndexException or IndexFormatTooOldException or IndexFormatTooNewException
            or EndOfStreamException or IndexNotFoundException or FileNotFoundException)
        {
            Log.Bm25Corrupt(_logger, ex, Collection);
            throw new IndexUnavailableException(
                $"The bm25 index of collection '{Collection}' is corrupt ({Path}): {ex.Message}. Repair it with: ragp index --rebuild --collection {Collection}",
                isTransient: false, ex);
        }
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
