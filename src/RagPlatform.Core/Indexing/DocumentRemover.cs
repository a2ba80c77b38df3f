using Microsoft.Extensions.Logging;
using RagPlatform.Core.Storage;

namespace RagPlatform.Core.Indexing;

/// <summary>Deletes documents from the database, every index and the file store, database first.</summary>
internal sealed class DocumentRemover(IMetadataStore store, IDocumentIndex[] indexes, FileStore files, ILogger logger)
{
    public async Task<bool> DeleteAsync(Guid id, CancellationToken cancellationToken)
    {
        var document = await store.GetDocumentAsync(id, cancellationToken);
        if (document is null)
        {
            return false;
        }

        // The database goes first: search only serves documents the database calls Indexed, so a crash after this
        // line leaves orphans in the indexes that recovery removes, never a visible half-deleted document.
        await store.DeleteDocumentAsync(id, cancellationToken);
        foreach (var index in indexes)
        {
            await index.DeleteAsync(document.Collection, [id], cancellationToken);
        }

        files.Delete(id);
        Log.DocumentDeleted(logger, id);
        return true;
    }

    /// <summary>Removes the collection's documents whose source files (absolute paths) are gone; returns how many.</summary>
    public async Task<int> PruneAsync(string collection, CancellationToken cancellationToken)
    {
        var removed = 0;
        foreach (var document in await store.ListDocumentsAsync(collection, cancellationToken))
        {
            if (Path.IsPathFullyQualified(document.Source) && !File.Exists(document.Source)
                && await DeleteAsync(document.Id, cancellationToken))
            {
                removed++;
            }
        }

        return removed;
    }
}
