using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using RagPlatform.Core.Diagnostics;
using RagPlatform.Core.Errors;
using RagPlatform.Core.Storage;

namespace RagPlatform.Core.Indexing;

/// <summary>
/// The stage between decoding and the writer: forms write batches and runs each index's compute half on them
/// (<see cref="IDocumentIndex.PrepareUpsertAsync"/>: the dense writer's encoder) while the writer stores the batch
/// before, so the encoder does not wait for SQLite, Lucene, HNSW or the token store. It writes nothing: the database
/// still stores a batch (state Indexing) before any index commits it, and marks it Indexed after the last one.
/// At most <see cref="IngestionOptions.EncodeAhead"/> encoded batches wait for the writer (the encoder waits for room
/// before it takes the next batch), so a slow store holds the encoder back instead of filling memory.
/// </summary>
internal sealed class BatchEncoder(IMetadataStore store, IDocumentIndex[] indexes, IngestionOptions options, IndexingMeter? meter, ILogger logger)
{
    public async Task RunAsync(string collection, ChannelReader<PreparedInput> input, ChannelWriter<WriteBatch> output, CancellationToken cancellationToken)
    {
        try
        {
            // Waiting for room first keeps at most EncodeAhead encoded batches besides the one the writer holds.
            while (await output.WaitToWriteAsync(cancellationToken) && await input.WaitToReadAsync(cancellationToken))
            {
                var batch = new List<PreparedInput>();
                var chunkCount = 0;
                while (batch.Count < BatchLimits.MaxDocuments && chunkCount < BatchLimits.MaxChunks && input.TryRead(out var item))
                {
                    batch.Add(item);
                    chunkCount += item.Document!.Chunks.Count;
                }

                // Served documents are replaced atomically by the writer (and encoded there); new ones are encoded here.
                var served = await BatchWriter.ServedIdsAsync(store, collection, batch, cancellationToken);
                var fresh = batch.Where(p => !served.Contains(p.Document!.Info.Id)).ToList();
                if (fresh.Count > 0)
                {
                    var writes = options.EncodeAhead > 0 ? await PrepareAsync(collection, fresh, cancellationToken) : null;
                    await output.WriteAsync(new WriteBatch(fresh, writes), cancellationToken);
                }

                if (fresh.Count < batch.Count)
                {
                    await output.WriteAsync(new WriteBatch([.. batch.Where(p => served.Contains(p.Document!.Info.Id))], null), cancellationToken);
                }
            }

            output.Complete();
        }
        catch (Exception ex)
        {
            output.Complete(ex);
        }
    }

    private async Task<PreparedWrite[]?> PrepareAsync(string collection, List<PreparedInput> batch, CancellationToken cancellationToken)
    {
        var indexed = batch.Select(p => new IndexedDocument(p.Document!.Info, p.Document.Chunks)).ToList();
        using var activity = RagActivity.Source.StartActivity("index-encode");
        meter?.StartBatch(batch.Sum(p => p.Document!.Info.Bytes), 1);
        try
        {
            var writes = new PreparedWrite[indexes.Length];
            for (var i = 0; i < indexes.Length; i++)
            {
                writes[i] = await indexes[i].PrepareUpsertAsync(collection, indexed, cancellationToken);
            }

            return writes;
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not IndexUnavailableException)
        {
            // The writer's own path encodes the batch again and, if it fails there too, finds the bad document.
            Log.EncodeAheadFailed(logger, ex, batch.Count);
            return null;
        }
        finally
        {
            meter?.EndBatch();
        }
    }
}
