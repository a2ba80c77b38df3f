using Microsoft.Extensions.Options;
using RagPlatform.Core.Indexing;
using RagPlatform.Core.Storage;

namespace RagPlatform.Core.Trees;

/// <summary>
/// The "tree" index of the ingestion pipeline: after a document's chunks are in the database, builds its summary
/// tree and stores it there (replacing the previous one, so re-indexing rebuilds only that document's tree).
/// Trees hang off their document, so they live and die with it and never cross collections.
/// </summary>
public sealed class TreeIndex(IMetadataStore store, TreeBuilder builder, IOptions<TreeOptions> options) : IDocumentIndex
{
    /// <inheritdoc />
    public string Name => "tree";

    /// <inheritdoc />
    public async Task UpsertAsync(string collection, IReadOnlyList<IndexedDocument> documents, CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        foreach (var document in documents)
        {
            cancellationToken.ThrowIfCancellationRequested();
            // A replacement brings its own text: the database still serves the old version until every index wrote.
            var stored = document.Text is { } text
                ? new StoredDocument(document.Info, text.Text, text.Pages, text.Sections)
                : await store.GetStoredDocumentAsync(document.Info.Id, cancellationToken);
            if (stored is null || stored.Info.Collection != collection)
            {
                throw new InvalidOperationException($"Document {document.Info.Id} must be saved in collection '{collection}' before its tree is built.");
            }

            var tree = await builder.BuildAsync(stored, document.Chunks, cancellationToken);
            if (tree is null)
            {
                await store.DeleteTreesAsync([document.Info.Id], cancellationToken);
            }
            else
            {
                await store.SaveTreeAsync(tree, cancellationToken);
            }
        }
    }

    /// <inheritdoc />
    public Task DeleteAsync(string collection, IReadOnlyCollection<Guid> documentIds, CancellationToken cancellationToken) =>
        store.DeleteTreesAsync(documentIds, cancellationToken);

    /// <summary>
    /// A document whose tree is stored reports its database chunk count (a tree is saved whole, from all chunks), so
    /// recovery rebuilds exactly the trees that are missing. With trees disabled every document reports agreement.
    /// </summary>
    public async Task<IReadOnlyDictionary<Guid, int>> GetChunkCountsAsync(string collection, CancellationToken cancellationToken)
    {
        var chunks = await store.GetChunkCountsAsync(collection, cancellationToken);
        if (!options.Value.Enabled)
        {
            return chunks;
        }

        var trees = await store.GetTreeNodeCountsAsync(collection, cancellationToken);
        return trees.Keys.ToDictionary(id => id, id => chunks.GetValueOrDefault(id));
    }

    /// <inheritdoc />
    public async Task DropCollectionAsync(string collection, CancellationToken cancellationToken)
    {
        var trees = await store.GetTreeNodeCountsAsync(collection, cancellationToken);
        await store.DeleteTreesAsync([.. trees.Keys], cancellationToken);
    }

    /// <inheritdoc />
    /// <remarks>Trees hang off documents in the database, which the store's rename already moved.</remarks>
    public Task RenameCollectionAsync(string collection, string newName, CancellationToken cancellationToken) => Task.CompletedTask;
}
