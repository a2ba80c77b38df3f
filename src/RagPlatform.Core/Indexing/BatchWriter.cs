using Microsoft.Extensions.Logging;
using RagPlatform.Core.Diagnostics;
using RagPlatform.Core.Documents;
using RagPlatform.Core.Errors;
using RagPlatform.Core.Storage;

namespace RagPlatform.Core.Indexing;

/// <summary>
/// The single writer of an indexing run: stores a batch in the database (state Indexing), writes every index (one
/// commit per index per batch) and marks the batch Indexed; served documents are replaced atomically. A batch that
/// fails is written again one document at a time, so one bad document fails alone.
/// </summary>
internal sealed class BatchWriter(
    IMetadataStore store,
    IDocumentIndex[] indexes,
    FileStore files,
    DocumentReplacer replacer,
    TimeProvider time,
    ILogger logger,
    IndexingMeter? meter)
{
    /// <summary>
    /// Writes the batch; <paramref name="writes"/> (each index's prepared write, in index order, or null) are used
    /// when every document of the batch is still new, so the batch is not encoded twice.
    /// </summary>
    public async Task WriteBatchAsync(string collection, List<PreparedInput> batch, PreparedWrite[]? writes, IndexTally tally, CancellationToken cancellationToken)
    {
        using var activity = RagActivity.Source.StartActivity("index-batch");
        try
        {
            await WriteAsync(collection, batch, writes, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not IndexUnavailableException && batch.Count > 1)
        {
            // One bad document must not fail its neighbours: write them one by one to find it.
            foreach (var single in batch)
            {
                await WriteBatchAsync(collection, [single], null, tally, cancellationToken);
            }

            return;
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not IndexUnavailableException)
        {
            var prepared = batch[0];
            Log.WriteFailed(logger, ex, prepared.Document!.Info.Source);
            var message = $"indexing failed: {ex.Message}";
            var id = prepared.Document.Info.Id;
            if (await store.GetDocumentAsync(id, CancellationToken.None) is { State: DocumentState.Indexed } served && served.ContentHash != prepared.Document.Info.ContentHash)
            {
                // A replacement that was rolled back: the served version stays Indexed with its own hash (so the next
                // run tries again), and its record says why the new one was refused.
                message = $"latest upload failed: {message}";
                await store.SetDocumentStatesAsync([id], DocumentState.Indexed, message, time.GetUtcNow(), CancellationToken.None);
            }
            else
            {
                await store.SetDocumentStatesAsync([id], DocumentState.Failed, message, time.GetUtcNow(), CancellationToken.None);
            }

            tally.Record(prepared.Document.Info.Source, Outcome.Failed(message), 0, 0);
            return;
        }

        foreach (var prepared in batch)
        {
            var document = prepared.Document!;
            tally.Record(document.Info.Source, prepared.Outcome, document.Text.Pages.Count, document.Chunks.Count);
            Log.DocumentIndexed(logger, document.Info.Id, document.Text.Pages.Count, document.Chunks.Count);
        }
    }

    private async Task WriteAsync(string collection, List<PreparedInput> batch, PreparedWrite[]? writes, CancellationToken cancellationToken)
    {
        // A document with a served (Indexed) version is replaced atomically; new ones (and ones never indexed) are
        // stored first as Indexing, invisible to search until every index committed them.
        var served = await ServedIdsAsync(store, collection, batch, cancellationToken);
        if (writes is not null && served.Count == 0)
        {
            await WritePreparedAsync(collection, batch, writes, cancellationToken);
            return;
        }

        var fresh = batch.Where(p => !served.Contains(p.Document!.Info.Id)).ToList();
        if (fresh.Count > 0)
        {
            var documents = fresh.Select(p => p.Document!).ToList();
            await store.SaveDocumentsAsync(documents, cancellationToken);
            foreach (var prepared in fresh.Where(p => p.FilePath is not null))
            {
                await files.SaveAsync(prepared.Document!.Info.Id, prepared.FilePath!, cancellationToken);
            }

            var indexed = documents.Select(d => new IndexedDocument(d.Info, d.Chunks)).ToList();
            meter?.StartBatch(documents.Sum(d => d.Info.Bytes), indexes.Length);
            try
            {
                foreach (var index in indexes)
                {
                    await index.UpsertAsync(collection, indexed, cancellationToken);
                    meter?.IndexFinished();
                }
            }
            finally
            {
                meter?.EndBatch();
            }

            await store.SetDocumentStatesAsync([.. documents.Select(d => d.Info.Id)], DocumentState.Indexed, null, time.GetUtcNow(), cancellationToken);
        }

        if (fresh.Count < batch.Count)
        {
            await replacer.ReplaceAsync(collection, [.. batch.Where(p => served.Contains(p.Document!.Info.Id))], cancellationToken);
        }
    }

    /// <summary>
    /// The batch encoded ahead: the same steps as for new documents below (database, files, every index in order,
    /// then Indexed), each index committing the vectors computed before.
    /// </summary>
    private async Task WritePreparedAsync(string collection, List<PreparedInput> batch, PreparedWrite[] writes, CancellationToken cancellationToken)
    {
        var documents = batch.Select(p => p.Document!).ToList();
        await store.SaveDocumentsAsync(documents, cancellationToken);
        foreach (var prepared in batch.Where(p => p.FilePath is not null))
        {
            await files.SaveAsync(prepared.Document!.Info.Id, prepared.FilePath!, cancellationToken);
        }

        foreach (var write in writes)
        {
            await write.CommitAsync(cancellationToken);
        }

        await store.SetDocumentStatesAsync([.. documents.Select(d => d.Info.Id)], DocumentState.Indexed, null, time.GetUtcNow(), cancellationToken);
    }

    /// <summary>The documents of the batch that have a served (Indexed) version in <paramref name="collection"/>.</summary>
    internal static async Task<HashSet<Guid>> ServedIdsAsync(IMetadataStore store, string collection, List<PreparedInput> batch, CancellationToken cancellationToken)
    {
        var served = new HashSet<Guid>();
        foreach (var prepared in batch)
        {
            var id = prepared.Document!.Info.Id;
            if (await store.GetDocumentAsync(id, cancellationToken) is { State: DocumentState.Indexed } existing && existing.Collection == collection)
            {
                served.Add(id);
            }
        }

        return served;
    }
}
