using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RagPlatform.Core.Collections;
using RagPlatform.Core.Storage;

namespace RagPlatform.Core.Indexing;

/// <summary>
/// Indexes files into a collection. Files are read, hashed, decoded and chunked in parallel; batches are encoded one
/// ahead of the writer (<see cref="BatchEncoder"/>); a single writer then stores each batch in the database (state
/// Indexing), writes every index (one commit per index per batch) and marks the batch Indexed. Unchanged files are skipped by content hash; a file that fails is reported and leaves the
/// rest of the run, and any earlier good version of that document, untouched. Also the entry point for deleting,
/// recovering and rebuilding, each done by its own part (<see cref="DocumentPreparer"/>, <see cref="BatchWriter"/>,
/// <see cref="DocumentReplacer"/>, <see cref="DocumentRemover"/>, <see cref="IndexRecovery"/>, <see cref="IndexRebuilder"/>)
/// under the writer lock this class checks.
/// </summary>
public sealed class IngestionPipeline
{
    private readonly IMetadataStore _store;
    private readonly IDocumentDecoder _decoder;
    private readonly IDocumentIndex[] _indexes;
    private readonly WriterLock _writerLock;
    private readonly IndexHealth _health;
    private readonly IngestionOptions _options;
    private readonly TimeProvider _time;
    private readonly DocumentPreparer _preparer;
    private readonly BatchEncoder _encoder;
    private readonly BatchWriter _writer;
    private readonly DocumentRemover _remover;
    private readonly IndexRecovery _recovery;
    private readonly IndexRebuilder _rebuilder;

    /// <summary>Creates the pipeline over the metadata store, the decoders and chunker, and every registered index.</summary>
    public IngestionPipeline(
        IMetadataStore store,
        IDocumentDecoder decoder,
        IChunker chunker,
        IEnumerable<IDocumentIndex> indexes,
        FileStore files,
        WriterLock writerLock,
        IndexHealth health,
        IOptions<IngestionOptions> options,
        TimeProvider time,
        ILogger<IngestionPipeline> logger,
        IndexingMeter? meter = null)
    {
        _store = store;
        _decoder = decoder;
        _indexes = [.. indexes];
        _writerLock = writerLock;
        _health = health;
        _options = options.Value;
        _time = time;
        var replacer = new DocumentReplacer(store, _indexes, files, time, logger);
        Admission = new FileAdmission(decoder.SupportedExtensions, _options.MaxFileBytes);
        _preparer = new DocumentPreparer(store, decoder, chunker, _options, Admission, time, logger);
        _encoder = new BatchEncoder(store, _indexes, _options, meter, logger);
        _writer = new BatchWriter(store, _indexes, files, replacer, time, logger, meter);
        _remover = new DocumentRemover(store, _indexes, files, logger);
        _recovery = new IndexRecovery(store, _indexes, files, replacer, health, time, logger);
        _rebuilder = new IndexRebuilder(store, _indexes, health);
    }

    /// <summary>Extensions the decoders accept.</summary>
    public IReadOnlyCollection<string> SupportedExtensions => _decoder.SupportedExtensions;

    /// <summary>Which files may be indexed (extension, empty, size), for callers that check before handing files over.</summary>
    public FileAdmission Admission { get; }

    /// <summary>The indexes every document is written to, by name.</summary>
    public IReadOnlyList<string> IndexNames => [.. _indexes.Select(i => i.Name)];

    /// <summary>Indexes <paramref name="inputs"/> into <paramref name="collection"/>; with <paramref name="prune"/>, removes documents whose files are gone.</summary>
    public Task<IndexSummary> IndexAsync(
        string collection,
        IReadOnlyList<SourceFile> inputs,
        bool prune,
        IProgress<IndexProgress>? progress,
        CancellationToken cancellationToken)
        => RunAsync(collection, inputs, _preparer.PrepareFileAsync, i => i.Source, prune, progress, cancellationToken);

    /// <summary>Indexes text records (no decoder): each record is one page; <paramref name="singleChunk"/> keeps each record one chunk.</summary>
    public Task<IndexSummary> IndexRecordsAsync(
        string collection,
        IReadOnlyList<TextRecord> records,
        bool singleChunk,
        IProgress<IndexProgress>? progress,
        CancellationToken cancellationToken)
        => RunAsync(collection, records, (c, record, ct) => _preparer.PrepareRecordAsync(c, record, singleChunk, ct), r => r.Source, prune: false, progress, cancellationToken);

    /// <summary>Deletes a document from the database, every index and the file store.</summary>
    public Task<bool> DeleteDocumentAsync(Guid id, CancellationToken cancellationToken)
    {
        _writerLock.EnsureHeld();
        return _remover.DeleteAsync(id, cancellationToken);
    }

    /// <summary>
    /// Brings the stores back into agreement after a crash: documents left Indexing are written again from the
    /// database and marked Indexed; index entries of unknown or unservable documents are removed; counts that
    /// disagree are rewritten. Returns the number of repairs.
    /// </summary>
    public Task<int> RecoverAsync(CancellationToken cancellationToken)
    {
        _writerLock.EnsureHeld();
        return _recovery.RecoverAsync(cancellationToken);
    }

    /// <summary>
    /// Rebuilds every index of <paramref name="collection"/> from the database, for settings that change how chunks are
    /// indexed (the BM25 field layout, the embedding model). Documents stay served from the database meanwhile; search
    /// returns fewer hits until the rebuild ends. Returns the number of documents written.
    /// </summary>
    public Task<int> RebuildIndexesAsync(string collection, CancellationToken cancellationToken)
    {
        _writerLock.EnsureHeld();
        return _rebuilder.RebuildAsync(CollectionName.Validate(collection), cancellationToken);
    }

    private async Task DecodeAllAsync<T>(
        string collection,
        IReadOnlyList<T> inputs,
        Func<string, T, CancellationToken, Task<PreparedInput>> prepare,
        Func<T, string> sourceOf,
        ChannelWriter<PreparedInput> output,
        IndexTally tally,
        CancellationToken cancellationToken)
    {
        try
        {
            await Parallel.ForEachAsync(
                inputs,
                new ParallelOptions { MaxDegreeOfParallelism = _options.Parallelism, CancellationToken = cancellationToken },
                async (input, ct) =>
                {
                    using var steps = DecodeProgress.Begin(step => tally.Step(sourceOf(input), step));
                    var prepared = await prepare(collection, input, ct);
                    if (prepared.Document is null)
                    {
                        tally.Record(sourceOf(input), prepared.Outcome, 0, 0);
                    }
                    else
                    {
                        await output.WriteAsync(prepared, ct);
                    }
                });
            output.Complete();
        }
        catch (Exception ex)
        {
            output.Complete(ex);
        }
    }

    private async Task<IndexSummary> RunAsync<T>(
        string collection,
        IReadOnlyList<T> inputs,
        Func<string, T, CancellationToken, Task<PreparedInput>> prepare,
        Func<T, string> sourceOf,
        bool prune,
        IProgress<IndexProgress>? progress,
        CancellationToken cancellationToken)
    {
        collection = CollectionName.Validate(collection);
        _writerLock.EnsureHeld();
        _health.ThrowIfDamaged(collection);
        await _store.EnsureCollectionAsync(collection, cancellationToken);
        var started = _time.GetTimestamp();
        var tally = new IndexTally(inputs.Count, progress);

        // Three stages joined by bounded channels: decode and chunk (in parallel), encode (one batch ahead of the
        // writer), write (one writer). A stage that fails completes its channel with the error, which the next one
        // rethrows; leaving this method stops the stages still running.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var decoded = Channel.CreateBounded<PreparedInput>(new BoundedChannelOptions(BatchLimits.MaxDocuments) { SingleReader = true });
        var encoded = Channel.CreateBounded<WriteBatch>(new BoundedChannelOptions(Math.Max(1, _options.EncodeAhead)) { SingleReader = true, SingleWriter = true });
        var producer = Task.Run(() => DecodeAllAsync(collection, inputs, prepare, sourceOf, decoded.Writer, tally, stop.Token), CancellationToken.None);
        var encoder = Task.Run(() => _encoder.RunAsync(collection, decoded.Reader, encoded.Writer, stop.Token), CancellationToken.None);
        try
        {
            while (await encoded.Reader.WaitToReadAsync(stop.Token))
            {
                while (encoded.Reader.TryRead(out var batch))
                {
                    await _writer.WriteBatchAsync(collection, batch.Inputs, batch.Writes, tally, stop.Token);
                }
            }
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAll(producer, encoder); // both complete their channels instead of throwing
        }

        var removed = prune ? await _remover.PruneAsync(collection, cancellationToken) : 0;
        return tally.ToSummary(collection, removed, _time.GetElapsedTime(started).TotalSeconds);
    }
}
