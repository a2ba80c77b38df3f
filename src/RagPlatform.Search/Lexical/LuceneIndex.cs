using System.Collections.Concurrent;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Util;
using Microsoft.Extensions.Options;
using RagPlatform.Core.Diagnostics;
using RagPlatform.Core.Indexing;
using RagPlatform.Core.Retrieval;
using RagPlatform.Core.Storage;

namespace RagPlatform.Search.Lexical;

/// <summary>
/// The BM25 index: one Lucene folder per collection (indexes/{collection}/bm25), one BM25Similarity shared by writer
/// and searcher, hit fields stored so a hit needs no database round trip.
/// </summary>
public sealed class LuceneIndex : IDocumentIndex, ILexicalSearcher, IDisposable
{
    private readonly ConcurrentDictionary<string, CollectionIndex> _collections = new(StringComparer.Ordinal);
    private readonly StorageOptions _storage;
    private readonly Bm25Options _bm25;
    private readonly LegalAnalyzer _analyzer = new();
    private readonly BM25Similarity _similarity;
    private readonly Bm25QueryBuilder _queries;

    public LuceneIndex(IOptions<StorageOptions> storage, IOptions<Bm25Options> bm25)
    {
        _storage = storage.Value;
        _bm25 = bm25.Value;
        _similarity = new BM25Similarity(_bm25.K1, _bm25.B);
        _queries = new Bm25QueryBuilder(_analyzer, _bm25);
    }

    public string Name => "bm25";

    public Task UpsertAsync(string collection, IReadOnlyList<IndexedDocument> documents, CancellationToken cancellationToken)
    {
        var index = For(collection);
        var writer = index.Writer;
        foreach (var document in documents)
        {
            cancellationToken.ThrowIfCancellationRequested();
            writer.DeleteDocuments(new Term(LuceneFields.DocumentId, Key(document.Info.Id)));
            foreach (var chunk in document.Chunks)
            {
                writer.AddDocument(ToLucene(document, chunk));
            }
        }

        index.Commit();
        return Task.CompletedTask;
    }

    public Task DeleteAsync(string collection, IReadOnlyCollection<Guid> documentIds, CancellationToken cancellationToken)
    {
        if (documentIds.Count == 0 || !System.IO.Directory.Exists(PathOf(collection)))
        {
            return Task.CompletedTask;
        }

        var index = For(collection);
        index.Writer.DeleteDocuments([.. documentIds.Select(id => new Term(LuceneFields.DocumentId, Key(id)))]);
        index.Commit();
        return Task.CompletedTask;
    }

    public Task<IReadOnlyDictionary<Guid, int>> GetChunkCountsAsync(string collection, CancellationToken cancellationToken)
    {
        var counts = For(collection).Search<IReadOnlyDictionary<Guid, int>>(searcher => CountLive(searcher.IndexReader), new Dictionary<Guid, int>());
        return Task.FromResult(counts);
    }

    public Task DropCollectionAsync(string collection, CancellationToken cancellationToken)
    {
        if (_collections.TryRemove(collection, out var index))
        {
            index.Dispose();
        }

        var path = PathOf(collection);
        if (System.IO.Directory.Exists(path))
        {
            System.IO.Directory.Delete(path, recursive: true);
        }

        return Task.CompletedTask;
    }

    public IReadOnlyList<SearchHit> Search(string collection, string query, int top, bool explain, CancellationToken cancellationToken)
    {
        using var activity = RagActivity.Source.StartActivity("bm25");
        var built = _queries.Build(query);
        if (built is null)
        {
            return [];
        }

        return For(collection).Search<IReadOnlyList<SearchHit>>(
            searcher =>
            {
                var docs = searcher.Search(built.Query, top);
                var hits = new List<SearchHit>(docs.ScoreDocs.Length);
                foreach (var scored in docs.ScoreDocs)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var stored = searcher.Doc(scored.Doc);
                    var text = stored.Get(LuceneFields.Text);
                    hits.Add(new SearchHit
                    {
                        ChunkId = stored.Get(LuceneFields.ChunkId),
                        DocumentId = Guid.ParseExact(stored.Get(LuceneFields.DocumentId), "N"),
                        Title = stored.Get(LuceneFields.Title),
                        Source = stored.Get(LuceneFields.Source),
                        PageStart = stored.GetField(LuceneFields.PageStart).GetInt32Value() ?? 1,
                        PageEnd = stored.GetField(LuceneFields.PageEnd).GetInt32Value() ?? 1,
                        CharStart = stored.GetField(LuceneFields.CharStart).GetInt32Value() ?? 0,
                        CharEnd = stored.GetField(LuceneFields.CharEnd).GetInt32Value() ?? 0,
                        Section = stored.Get(LuceneFields.Section) ?? string.Empty,
                        Text = text,
                        Snippet = SnippetBuilder.Build(_analyzer, text, built.Terms),
                        Score = scored.Score,
                        Scores = new HitScores { Bm25 = scored.Score },
                        Explanation = explain ? searcher.Explain(built.Query, scored.Doc).ToString() : null,
                    });
                }

                return hits;
            },
            []);
    }

    public void Dispose()
    {
        foreach (var index in _collections.Values)
        {
            index.Dispose();
        }

        _collections.Clear();
        _analyzer.Dispose();
    }

    private static string Key(Guid id) => id.ToString("N");

    private static Document ToLucene(IndexedDocument document, Core.Documents.Chunk chunk)
    {
        var info = document.Info;
        return
        [
            new StringField(LuceneFields.ChunkId, chunk.Id, Field.Store.YES),
            new StringField(LuceneFields.DocumentId, Key(info.Id), Field.Store.YES),
            // The title is searched with every chunk: it is the chunk's context in a long document.
            new TextField(LuceneFields.Contents, info.Title + "\n" + chunk.Text, Field.Store.NO),
            new StoredField(LuceneFields.Text, chunk.Text),
            new StoredField(LuceneFields.Title, info.Title),
            new StoredField(LuceneFields.Source, info.Source),
            new StoredField(LuceneFields.Section, chunk.Section),
            new StoredField(LuceneFields.Ordinal, chunk.Ordinal),
            new StoredField(LuceneFields.PageStart, chunk.PageStart),
            new StoredField(LuceneFields.PageEnd, chunk.PageEnd),
            new StoredField(LuceneFields.CharStart, chunk.CharStart),
            new StoredField(LuceneFields.CharEnd, chunk.CharEnd),
        ];
    }

    private static Dictionary<Guid, int> CountLive(IndexReader reader)
    {
        var counts = new Dictionary<Guid, int>();
        var terms = MultiFields.GetTerms(reader, LuceneFields.DocumentId);
        if (terms is null)
        {
            return counts;
        }

        var live = MultiFields.GetLiveDocs(reader);
        var termsEnum = terms.GetEnumerator();
        DocsEnum? docs = null;
        while (termsEnum.MoveNext())
        {
            docs = termsEnum.Docs(live, docs, DocsFlags.NONE);
            var count = 0;
            while (docs.NextDoc() != DocIdSetIterator.NO_MORE_DOCS)
            {
                count++;
            }

            if (count > 0)
            {
                counts[Guid.ParseExact(termsEnum.Term.Utf8ToString(), "N")] = count;
            }
        }

        return counts;
    }

    private string PathOf(string collection) => Path.Combine(_storage.IndexDirectory(collection), "bm25");

    private CollectionIndex For(string collection)
        => _collections.GetOrAdd(collection, c => new CollectionIndex(c, PathOf(c), _analyzer, _similarity));
}
