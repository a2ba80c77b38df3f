using System.Globalization;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Util;
using Microsoft.Extensions.Logging;
using RagPlatform.Core.Indexing;
using RagPlatform.Search.Stores;
using LuceneDocument = Lucene.Net.Documents.Document;

namespace RagPlatform.Search.Lexical;

/// <summary>
/// The write side of the bm25 index: each batch replaces its documents' chunks and commits before it returns; a failed
/// batch is rolled back so no later commit publishes half of it. The searcher manager is refreshed after each commit.
/// </summary>
internal sealed class LuceneWriter(CollectionStores<CollectionIndex> stores, LegalAnalyzer analyzer, Similarity similarity, Bm25Options options, ILogger logger)
{
    // Term vectors with offsets let snippets be cut without re-analyzing each hit's text.
    private static readonly FieldType s_textType = CreateTextType();

    public void Upsert(string collection, IReadOnlyList<IndexedDocument> documents, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(documents);
        cancellationToken.ThrowIfCancellationRequested();
        stores.Write(collection, index => WriteBatch(index, writer =>
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
        }));
        Log.Bm25Upserted(logger, collection, documents.Count, documents.Sum(d => d.Chunks.Count));
    }

    public void Delete(string collection, IReadOnlyCollection<Guid> documentIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(documentIds);
        cancellationToken.ThrowIfCancellationRequested();
        if (documentIds.Count == 0)
        {
            return;
        }

        stores.Write(collection, index => WriteBatch(index, writer =>
            writer.DeleteDocuments(documentIds.Select(id => new Term(LuceneFields.DocumentId, Id(id))).ToArray())));
    }

    internal static string Id(Guid id) => id.ToString("N", CultureInfo.InvariantCulture);

    private static FieldType CreateTextType()
    {
        var type = new FieldType(TextField.TYPE_STORED) { StoreTermVectors = true, StoreTermVectorOffsets = true };
        type.Freeze();
        return type;
    }

    /// <summary>Runs one batch on the collection's writer and commits it, or rolls it back when it fails.</summary>
    private void WriteBatch(CollectionIndex index, Action<IndexWriter> batch)
    {
        var writer = index.Guard(() => index.GetWriter(analyzer, similarity));
        try
        {
            index.Guard(() =>
            {
                batch(writer);
                writer.Commit();
                index.GetSearchers(similarity)?.MaybeRefresh();
                return 0;
            });
        }
        catch
        {
            index.Rollback();
            throw;
        }
    }

    private LuceneDocument ToLucene(IndexedDocument document, Core.Documents.Chunk chunk)
    {
        ArgumentNullException.ThrowIfNull(chunk.Text);
        var title = document.Info.Title ?? string.Empty;
        // Flat mode indexes "title\ntext" as one field; the stored offset lets hits and snippets cut the title off again.
        var prefix = options.TitleInText && title.Length > 0 ? title + "\n" : string.Empty;
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
}
