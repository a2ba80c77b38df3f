using Microsoft.Extensions.Logging;
using RagPlatform.Core.Documents;
using RagPlatform.Core.Errors;
using RagPlatform.Core.Storage;

namespace RagPlatform.Core.Indexing;

/// <summary>
/// Brings the database, the file store and every index back into agreement after a crash (ADR 0001: the database
/// decides what is served, so the indexes are repaired from it).
/// </summary>
internal sealed class IndexRecovery(
    IMetadataStore store,
    IDocumentIndex[] indexes,
    FileStore files,
    DocumentReplacer replacer,
    IndexHealth health,
    TimeProvider time,
    ILogger logger)
{
    /// <summary>
    /// Documents left Indexing are written again from the database and marked Indexed; index entries of unknown or
    /// unservable documents are removed; counts that disagree are rewritten. Returns the number of repairs.
    /// </summary>
    public async Task<int> RecoverAsync(CancellationToken cancellationToken)
    {
        var repaired = 0;
        var damaged = new HashSet<string>(StringComparer.Ordinal);

        // Replacements of served documents left in flight: finished when the database committed the new version,
        // otherwise rolled back (every index rewritten from the database's served version, the staged file dropped).
        // One at a time, so a damaged collection leaves its markers for the next start and stops nothing else.
        foreach (var version in files.ListStaged())
        {
            try
            {
                await replacer.SettleStagedAsync([version], indexes, cancellationToken);
                repaired++;
            }
            catch (IndexUnavailableException ex) when (!ex.IsTransient)
            {
                if (await store.GetDocumentAsync(version.DocumentId, cancellationToken) is { } document)
                {
                    MarkDamaged(document.Collection, ex, damaged);
                }
            }
        }

        foreach (var document in await store.ListDocumentsByStateAsync(DocumentState.Indexing, cancellationToken))
        {
            if (damaged.Contains(document.Collection))
            {
                continue;
            }

            try
            {
                await RewriteAsync(document, cancellationToken);
                repaired++;
            }
            catch (IndexUnavailableException ex) when (!ex.IsTransient)
            {
                MarkDamaged(document.Collection, ex, damaged);
            }
        }

        foreach (var collection in await store.ListCollectionsAsync(cancellationToken))
        {
            if (damaged.Contains(collection.Name))
            {
                continue;
            }

            try
            {
                repaired += await ReconcileAsync(collection.Name, cancellationToken);
            }
            catch (IndexUnavailableException ex) when (!ex.IsTransient)
            {
                // One damaged collection must not take the others down: it is reported (health Degraded, its
                // requests 503) and left for ragp index --rebuild; recovery goes on with the rest.
                MarkDamaged(collection.Name, ex, damaged);
            }
        }

        if (repaired > 0)
        {
            Log.Recovered(logger, repaired);
        }

        return repaired;
    }

    /// <summary>Removes index entries of unknown or unservable documents and rewrites documents whose counts disagree.</summary>
    private async Task<int> ReconcileAsync(string collection, CancellationToken cancellationToken)
    {
        var repaired = 0;
        var documents = (await store.ListDocumentsAsync(collection, cancellationToken)).ToDictionary(d => d.Id);
        var dbCounts = await store.GetChunkCountsAsync(collection, cancellationToken);
        foreach (var index in indexes)
        {
            var indexCounts = await index.GetChunkCountsAsync(collection, cancellationToken);
            var orphans = indexCounts.Keys
                .Where(id => !documents.TryGetValue(id, out var d) || d.State != DocumentState.Indexed)
                .ToList();
            if (orphans.Count > 0)
            {
                await index.DeleteAsync(collection, orphans, cancellationToken);
                repaired += orphans.Count;
            }

            foreach (var document in documents.Values.Where(d => d.State == DocumentState.Indexed))
            {
                var expected = dbCounts.GetValueOrDefault(document.Id);
                if (indexCounts.GetValueOrDefault(document.Id) != expected)
                {
                    var chunks = await store.GetChunksAsync(document.Id, cancellationToken);
                    await index.UpsertAsync(collection, [new IndexedDocument(document, chunks)], cancellationToken);
                    repaired++;
                }
            }
        }

        return repaired;
    }

    private void MarkDamaged(string collection, IndexUnavailableException ex, HashSet<string> damaged)
    {
        damaged.Add(collection);
        health.MarkDamaged(collection, ex.Message);
        Log.CollectionDamaged(logger, ex, collection);
    }

    private async Task RewriteAsync(DocumentInfo document, CancellationToken cancellationToken)
    {
        var chunks = await store.GetChunksAsync(document.Id, cancellationToken);
        foreach (var index in indexes)
        {
            await index.UpsertAsync(document.Collection, [new IndexedDocument(document, chunks)], cancellationToken);
        }

        await store.SetDocumentStatesAsync([document.Id], DocumentState.Indexed, null, time.GetUtcNow(), cancellationToken);
    }
}
