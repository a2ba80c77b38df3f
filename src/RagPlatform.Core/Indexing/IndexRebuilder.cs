using RagPlatform.Core.Documents;
using RagPlatform.Core.Storage;

namespace RagPlatform.Core.Indexing;

/// <summary>Rewrites every index of a collection from the database (the database holds the chunks; nothing is decoded again).</summary>
internal sealed class IndexRebuilder(IMetadataStore store, IDocumentIndex[] indexes, IndexHealth health)
{
    /// <summary>Drops the collection's indexes and writes its Indexed documents again; returns how many.</summary>
    public async Task<int> RebuildAsync(string collection, CancellationToken cancellationToken)
    {
        foreach (var index in indexes)
        {
            await index.DropCollectionAsync(collection, cancellationToken);
        }

        var documents = (await store.ListDocumentsAsync(collection, cancellationToken)).Where(d => d.State == DocumentState.Indexed).ToList();
        var batch = new List<IndexedDocument>();
        var chunkCount = 0;
        foreach (var document in documents)
        {
            var chunks = await store.GetChunksAsync(document.Id, cancellationToken);
            batch.Add(new IndexedDocument(document, chunks));
            chunkCount += chunks.Count;
            if (batch.Count >= BatchLimits.MaxDocuments * 4 || chunkCount >= BatchLimits.MaxChunks)
            {
                await UpsertEverywhereAsync(collection, batch, cancellationToken);
                batch.Clear();
                chunkCount = 0;
            }
        }

        await UpsertEverywhereAsync(collection, batch, cancellationToken);
        health.MarkRepaired(collection);
        return documents.Count;
    }

    private async Task UpsertEverywhereAsync(string collection, List<IndexedDocument> batch, CancellationToken cancellationToken)
    {
        if (batch.Count == 0)
        {
            return;
        }

        foreach (var index in indexes)
        {
            await index.UpsertAsync(collection, batch, cancellationToken);
        }
    }
}
