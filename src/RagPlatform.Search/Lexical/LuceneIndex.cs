using System.Globalization;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RagPlatform.Core.Collections;
using RagPlatform.Core.Indexing;
using RagPlatform.Core.Retrieval;
using RagPlatform.Core.Storage;
using RagPlatform.Search.Stores;

namespace RagPlatform.Search.Lexical;

/// <summary>
/// The BM25 index (Lucene.Net): one folder per collection, one writer per collection for the process lifetime,
/// searches on the last committed snapshot. Hits carry every stored field, so no database round trip is needed.
/// Writes go through <see cref="LuceneWriter"/>, reads through <see cref="LuceneSearcher"/>; both share the open
/// collections (<see cref="CollectionStores{TStore}"/>), which follow other processes' commits within a second.
/// </summary>
public sealed class LuceneIndex : IDocumentIndex, ILexicalSearcher, IDisposable
{
    private readonly StorageOptions _storage;
    private readonly ILogger<LuceneIndex> _logger;
    private readonly LegalAnalyzer _analyzer = new();
    private readonly CollectionStores<CollectionIndex> _stores;
    private readonly LuceneWriter _writer;
    private readonly LuceneSearcher _searcher;
    private bool _disposed;

    /// <summary>Creates the index service; <paramref name="time"/> paces the look for other processes' commits (default: the system clock).</summary>
    public LuceneIndex(IOptions<StorageOptions> storage, IOptions<Bm25Options> options, ILogger<LuceneIndex> logger, TimeProvider? time = null)
    {
        _storage = storage.Value;
        _logger = logger;
        var bm25 = options.Value;
        var similarity = new BM25Similarity(bm25.K1, bm25.B);
        // A long query is used whole: one clause per distinct term and field.
        if (BooleanQuery.MaxClauseCount < (2 * QueryTerms.MaxTerms) + 16)
        {
            BooleanQuery.MaxClauseCount = (2 * QueryTerms.MaxTerms) + 16;
        }

        _stores = new CollectionStores<CollectionIndex>(
            c =>
            {
                var path = PathOf(c);
                System.IO.Directory.CreateDirectory(path);
                return new CollectionIndex(c, path, FSDirectory.Open(path), logger);
            },
            Stamp,
            (_, index) =>
            {
                // The writer's folder is the same: the searcher manager moves to the newest commit in place.
                index.Guard(() => index.GetSearchers(similarity)?.MaybeRefresh());
                return index;
            },
            time ?? TimeProvider.System);
        _writer = new LuceneWriter(_stores, _analyzer, similarity, bm25, logger);
        _searcher = new LuceneSearcher(_stores, _analyzer, similarity, bm25, HasIndex);
    }

    /// <inheritdoc />
    public string Name => "bm25";

    /// <inheritdoc />
    public Task UpsertAsync(string collection, IReadOnlyList<IndexedDocument> documents, CancellationToken cancellationToken)
    {
        _writer.Upsert(Key(collection), documents, cancellationToken);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task DeleteAsync(string collection, IReadOnlyCollection<Guid> documentIds, CancellationToken cancellationToken)
    {
        _writer.Delete(Key(collection), documentIds, cancellationToken);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<IReadOnlyDictionary<Guid, int>> GetChunkCountsAsync(string collection, CancellationToken cancellationToken) =>
        Task.FromResult(_searcher.ChunkCounts(Key(collection), cancellationToken));

    /// <inheritdoc />
    public Task DropCollectionAsync(string collection, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        collection = CollectionName.Validate(collection);
        _stores.Drop(collection, PathOf(collection));
        Log.Bm25Dropped(_logger, collection);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task RenameCollectionAsync(string collection, string newName, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        collection = CollectionName.Validate(collection);
        newName = CollectionName.Validate(newName);
        _stores.Rename(collection, newName, PathOf(collection), PathOf(newName));
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public IReadOnlyList<SearchHit> Search(string collection, string query, int top, bool explain, CancellationToken cancellationToken) =>
        _searcher.Search(Key(collection), query, top, explain, cancellationToken);

    /// <inheritdoc />
    public IReadOnlyList<LexicalMatch> Match(string collection, string query, int top, CancellationToken cancellationToken) =>
        _searcher.Match(Key(collection), query, top, cancellationToken);

    /// <inheritdoc />
    public IReadOnlyList<SearchHit> Fetch(string collection, string query, IReadOnlyList<string> chunkIds, bool explain, CancellationToken cancellationToken) =>
        _searcher.Fetch(Key(collection), query, chunkIds, explain, cancellationToken);

    /// <summary>Closes every writer and reader.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _stores.Dispose();
        _analyzer.Dispose();
    }

    // Validating here keeps a hostile name from reaching outside the data directory.
    private string PathOf(string collection) => Path.Combine(_storage.IndexDirectory(CollectionName.Validate(collection)), "bm25");

    private string Key(string collection)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return CollectionName.Validate(collection);
    }

    private bool HasIndex(string collection) => System.IO.Directory.Exists(PathOf(collection));

    /// <summary>The generation of the last commit: every commit writes a new segments_N.</summary>
    private string Stamp(string collection)
    {
        var path = PathOf(collection);
        if (!System.IO.Directory.Exists(path))
        {
            return string.Empty;
        }

        var files = System.IO.Directory.GetFiles(path, "segments*").Select(f => Path.GetFileName(f)).ToArray();
        return SegmentInfos.GetLastCommitGeneration(files).ToString(CultureInfo.InvariantCulture);
    }
}
