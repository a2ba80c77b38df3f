using System.Collections.Concurrent;
using System.Globalization;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Lucene.Net.Util;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RagPlatform.Core.Collections;
using RagPlatform.Core.Errors;
using RagPlatform.Core.Indexing;
using RagPlatform.Core.Retrieval;
using RagPlatform.Core.Storage;
using LuceneDocument = Lucene.Net.Documents.Document;

namespace RagPlatform.Search.Lexical;

/// <summary>
/// The BM25 index (Lucene.Net): one folder per collection, one writer per collection for the process lifetime,
/// searches on the last committed snapshot. Hits carry every stored field, so no database round trip is needed.
/// </summary>
public sealed class LuceneIndex : IDocumentIndex, ILexicalSearcher, IDisposable
{
    // Term vectors with offsets let snippets be cut without re-analyzing each hit's text.
    private static readonly FieldType s_textType = CreateTextType();

    private readonly StorageOptions _storage;
    private readonly Bm25Options _options;
    private readonly ILogger<LuceneIndex> _logger;
    private readonly LegalAnalyzer _analyzer = new();
    private readonly BM25Similarity _similarity;
    private readonly ConcurrentDictionary<string, Lazy<CollectionIndex>> _collections = new(StringComparer.Ordinal);
    private readonly object _dropGate = new();
    private readonly TimeProvider _time;
    private bool _disposed;

    /// <summary>Creates the index service; <paramref name="time"/> paces the look for other processes' commits (default: the system clock).</summary>
    public LuceneIndex(IOptions<StorageOptions> storage, IOptions<Bm25Options> options, ILogger<LuceneIndex> logger, TimeProvider? time = null)
    {
        _time = time ?? TimeProvider.System;
        _storage = storage.Value;
        _options = options.Value;
        _logger = logger;
        _similarity = new BM25Similarity(_options.K1, _options.B);
        // A long query is used whole: one clause per distinct term and field.
        if (BooleanQuery.MaxClauseCount < (2 * QueryTerms.MaxTerms) + 16)
        {
            BooleanQuery.MaxClauseCount = (2 * QueryTerms.MaxTerms) + 16;
        }
    }

    /// <inheritdoc />
    public string Name => "bm25";

    /// <inheritdoc />
    public Task UpsertAsync(string collection, IReadOnlyList<IndexedDocument> documents, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(documents);
        cancellationToken.ThrowIfCancellationRequested();
        var index = Open(collection);
        var writer = Guard(index, () => index.GetWriter(_analyzer, _similarity));
        WriteBatch(index, () =>
        {
            foreach (var document in documents)
            {
                cancellationToken.ThrowIfCancellationRequested();
                writer.DeleteDocuments(new Term(LuceneFields.DocumentId, Id(document.Info.Id)));
                foreach (var chunk in document.Chunks)
                {
                    writer.AddDocument(ToLucene(document, chunk));
                }
            }

            Commit(index, writer);
        });
        Log.Bm25Upserted(_logger, collection, documents.Count, documents.Sum(d => d.Chunks.Count));
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task DeleteAsync(string collection, IReadOnlyCollection<Guid> documentIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(documentIds);
        cancellationToken.ThrowIfCancellationRequested();
        if (documentIds.Count == 0)
        {
            return Task.CompletedTask;
        }

        var index = Open(collection);
        var writer = Guard(index, () => index.GetWriter(_analyzer, _similarity));
        WriteBatch(index, () =>
        {
            writer.DeleteDocuments(documentIds.Select(id => new Term(LuceneFields.DocumentId, Id(id))).ToArray());
            Commit(index, writer);
        });
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<IReadOnlyDictionary<Guid, int>> GetChunkCountsAsync(string collection, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var counts = new Dictionary<Guid, int>();
        if (!System.IO.Directory.Exists(PathOf(collection)))
        {
            return Task.FromResult<IReadOnlyDictionary<Guid, int>>(counts);
        }

        var index = Open(collection);
        var searchers = Guard(index, () => index.GetSearchers(_similarity));
        if (searchers is null)
        {
            return Task.FromResult<IReadOnlyDictionary<Guid, int>>(counts);
        }

        Guard(index, () => searchers.MaybeRefresh());
        var searcher = searchers.Acquire();
        try
        {
            // docFreq counts deleted documents until a merge; walking the postings with live docs is exact.
            var reader = searcher.IndexReader;
            var terms = MultiFields.GetTerms(reader, LuceneFields.DocumentId);
            if (terms is not null)
            {
                var live = MultiFields.GetLiveDocs(reader);
                var termsEnum = terms.GetEnumerator();
                DocsEnum? docs = null;
                while (termsEnum.MoveNext())
                {
                    docs = termsEnum.Docs(live, docs, DocsFlags.NONE);
                    var n = 0;
                    while (docs.NextDoc() != DocIdSetIterator.NO_MORE_DOCS)
                    {
                        n++;
                    }

                    if (n > 0)
                    {
                        counts[Guid.ParseExact(termsEnum.Term.Utf8ToString(), "N")] = n;
                    }
                }
            }
        }
        finally
        {
            searchers.Release(searcher);
        }

        return Task.FromResult<IReadOnlyDictionary<Guid, int>>(counts);
    }

    /// <inheritdoc />
    public Task DropCollectionAsync(string collection, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        collection = CollectionName.Validate(collection);
        lock (_dropGate)
        {
            if (_collections.TryRemove(collection, out var open) && open.IsValueCreated)
            {
                open.Value.Dispose();
            }

            var path = PathOf(collection);
            if (System.IO.Directory.Exists(path))
            {
                System.IO.Directory.Delete(path, recursive: true);
            }
        }

        Log.Bm25Dropped(_logger, collection);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task RenameCollectionAsync(string collection, string newName, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        collection = CollectionName.Validate(collection);
        newName = CollectionName.Validate(newName);
        lock (_dropGate)
        {
            foreach (var name in new[] { collection, newName })
            {
                if (_collections.TryRemove(name, out var open) && open.IsValueCreated)
                {
                    open.Value.Dispose();
                }
            }

            IndexFolders.Move(PathOf(collection), PathOf(newName));
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public IReadOnlyList<SearchHit> Search(string collection, string query, int top, bool explain, CancellationToken cancellationToken)
        => top <= 0 ? [] : WithSearcher(collection, query, [], (searcher, search) =>
        {
            if (search.Query is null)
            {
                return [];
            }

            var docs = searcher.Search(search.Query, top);
            return docs.ScoreDocs.Select(d => BuildHit(searcher, search, d.Doc, d.Score, explain)).ToList();
        }, cancellationToken);

    /// <inheritdoc />
    public IReadOnlyList<LexicalMatch> Match(string collection, string query, int top, CancellationToken cancellationToken)
        => top <= 0 ? [] : WithSearcher(collection, query, [], (searcher, search) =>
        {
            if (search.Query is null)
            {
                return [];
            }

            var docs = searcher.Search(search.Query, top);
            var ids = new ChunkIdReader(searcher);
            return docs.ScoreDocs.Select(d =>
            {
                var (chunkId, documentId) = ids.Read(d.Doc);
                return new LexicalMatch(chunkId, documentId, d.Score);
            }).ToList();
        }, cancellationToken);

    /// <inheritdoc />
    public IReadOnlyList<SearchHit> Fetch(string collection, string query, IReadOnlyList<string> chunkIds, bool explain, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chunkIds);
        return WithSearcher(collection, query, [], (searcher, search) =>
        {
            var hits = new List<SearchHit>(chunkIds.Count);
            foreach (var chunkId in chunkIds)
            {
                var found = searcher.Search(new TermQuery(new Term(LuceneFields.ChunkId, chunkId)), 1).ScoreDocs;
                if (found.Length == 1)
                {
                    hits.Add(BuildHit(searcher, search, found[0].Doc, null, explain));
                }
            }

            return hits;
        }, cancellationToken);
    }

    /// <summary>Closes every writer and reader.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        foreach (var open in _collections.Values)
        {
            if (open.IsValueCreated)
            {
                open.Value.Dispose();
            }
        }

        _collections.Clear();
        _analyzer.Dispose();
    }

    private static SearchHit BuildHit(IndexSearcher searcher, AnalyzedQuery search, int doc, double? score, bool explain)
    {
        var stored = searcher.Doc(doc);
        var indexed = stored.Get(LuceneFields.Text) ?? string.Empty;
        var shift = Math.Clamp(stored.GetField(LuceneFields.TextOffset)?.GetInt32Value() ?? 0, 0, indexed.Length);
        var text = indexed[shift..];
        return new SearchHit
        {
            ChunkId = stored.Get(LuceneFields.ChunkId),
            DocumentId = Guid.ParseExact(stored.Get(LuceneFields.DocumentId), "N"),
            Title = stored.Get(LuceneFields.Title) ?? string.Empty,
            Source = stored.Get(LuceneFields.Source) ?? string.Empty,
            PageStart = stored.GetField(LuceneFields.PageStart)?.GetInt32Value() ?? 0,
            PageEnd = stored.GetField(LuceneFields.PageEnd)?.GetInt32Value() ?? 0,
            CharStart = stored.GetField(LuceneFields.CharStart)?.GetInt32Value() ?? 0,
            CharEnd = stored.GetField(LuceneFields.CharEnd)?.GetInt32Value() ?? 0,
            Section = stored.Get(LuceneFields.Section) ?? string.Empty,
            Text = text,
            Snippet = SnippetBuilder.Build(text, SnippetBuilder.Matches(searcher.IndexReader, doc, search.Terms, shift), search.SnippetChars),
            Score = score ?? 0,
            Scores = new HitScores { Bm25 = score },
            Explanation = explain && search.Query is not null ? searcher.Explain(search.Query, doc).ToString() : null,
        };
    }

    private static FieldType CreateTextType()
    {
        var type = new FieldType(TextField.TYPE_STORED) { StoreTermVectors = true, StoreTermVectorOffsets = true };
        type.Freeze();
        return type;
    }

    private static string Id(Guid id) => id.ToString("N", CultureInfo.InvariantCulture);

    private LuceneDocument ToLucene(IndexedDocument document, Core.Documents.Chunk chunk)
    {
        ArgumentNullException.ThrowIfNull(chunk.Text);
        var title = document.Info.Title ?? string.Empty;
        // Flat mode indexes "title\ntext" as one field; the stored offset lets hits and snippets cut the title off again.
        var prefix = _options.TitleInText && title.Length > 0 ? title + "\n" : string.Empty;
        var id = Id(document.Info.Id);
        return
        [
            new StringField(LuceneFields.ChunkId, chunk.Id, Field.Store.YES),
            new BinaryDocValuesField(LuceneFields.ChunkId, new BytesRef(chunk.Id)),
            new StringField(LuceneFields.DocumentId, id, Field.Store.YES),
            new BinaryDocValuesField(LuceneFields.DocumentId, new BytesRef(id)),
            new StoredField(LuceneFields.Ordinal, chunk.Ordinal),
            new TextField(LuceneFields.Title, title, Field.Store.YES),
            new StoredField(LuceneFields.Source, document.Info.Source ?? string.Empty),
            new StoredField(LuceneFields.PageStart, chunk.PageStart),
            new StoredField(LuceneFields.PageEnd, chunk.PageEnd),
            new StoredField(LuceneFields.CharStart, chunk.CharStart),
            new StoredField(LuceneFields.CharEnd, chunk.CharEnd),
            new StoredField(LuceneFields.Section, chunk.Section ?? string.Empty),
            new StoredField(LuceneFields.TextOffset, prefix.Length),
            new Field(LuceneFields.Text, prefix + chunk.Text, s_textType),
        ];
    }

    private static void Commit(CollectionIndex index, IndexWriter writer)
    {
        writer.Commit();
        index.GetSearchers(writer.Config.Similarity)?.MaybeRefresh();
    }

    /// <summary>
    /// Runs <paramref name="search"/> on the collection's last committed snapshot with the analyzed query (whose Lucene
    /// query is null when it has no searchable term); returns <paramref name="none"/> when the collection has no index yet.
    /// </summary>
    private T WithSearcher<T>(string collection, string query, T none, Func<IndexSearcher, AnalyzedQuery, T> search, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (!System.IO.Directory.Exists(PathOf(collection)))
        {
            return none;
        }

        var terms = QueryTerms.Analyze(_analyzer, LuceneFields.Text, query ?? string.Empty);

        var index = Open(collection);
        var searchers = Guard(index, () => index.GetSearchers(_similarity));
        if (searchers is null)
        {
            return none;
        }

        // Our own commits refresh at once; another process's commits are picked up within a second, since
        // MaybeRefresh reads the directory and would cost more than the search itself.
        if (index.RefreshDue(_time))
        {
            Guard(index, () => searchers.MaybeRefresh());
        }

        var searcher = searchers.Acquire();
        try
        {
            // A long query (a fact pattern) keeps only its most distinctive terms: its many common words add noise
            // and cost to BM25 (measured on aila-statutes-dev, docs/decisions/0006-fusion.md).
            var kept = QueryTerms.SelectByIdf(terms, searcher.IndexReader, LuceneFields.Text, _options.MaxQueryTerms);
            var luceneQuery = QueryTerms.Build(kept, _options.TitleBoost);
            var analyzed = new AnalyzedQuery(luceneQuery, kept.Select(t => t.Key).ToHashSet(StringComparer.Ordinal), _options.SnippetChars);
            return Guard(index, () => search(searcher, analyzed));
        }
        finally
        {
            searchers.Release(searcher);
        }
    }

    // Validating here keeps a hostile name from reaching outside the data directory.
    private string PathOf(string collection) => Path.Combine(_storage.IndexDirectory(CollectionName.Validate(collection)), "bm25");

    private CollectionIndex Open(string collection)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        collection = CollectionName.Validate(collection);
        var lazy = _collections.GetOrAdd(collection, c => new Lazy<CollectionIndex>(() =>
        {
            var path = PathOf(c);
            System.IO.Directory.CreateDirectory(path);
            return new CollectionIndex(c, path, FSDirectory.Open(path));
        }));
        return lazy.Value;
    }

    private void WriteBatch(CollectionIndex index, Action batch)
    {
        try
        {
            Guard(index, () =>
            {
                batch();
                return 0;
            });
        }
        catch
        {
            index.Rollback();
            throw;
        }
    }

    private T Guard<T>(CollectionIndex index, Func<T> action)
    {
        try
        {
            return action();
        }
        catch (LockObtainFailedException ex)
        {
            Log.Bm25Locked(_logger, ex, index.Collection);
            throw new IndexUnavailableException(
                $"The bm25 index of collection '{index.Collection}' is locked by another process ({index.Path}).", isTransient: true, ex);
        }
        catch (Exception ex) when (ex is CorruptIndexException or IndexFormatTooOldException or IndexFormatTooNewException
            or EndOfStreamException or IndexNotFoundException or FileNotFoundException)
        {
            Log.Bm25Corrupt(_logger, ex, index.Collection);
            throw new IndexUnavailableException(
                $"The bm25 index of collection '{index.Collection}' is corrupt ({index.Path}): {ex.Message}. Repair it with: ragp index --rebuild --collection {index.Collection}",
                isTransient: false, ex);
        }
    }
}
