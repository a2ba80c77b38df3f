using System.Globalization;
using System.Runtime.ExceptionServices;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RagPlatform.Core.Collections;
using RagPlatform.Core.Diagnostics;
using RagPlatform.Core.Documents;
using RagPlatform.Core.Errors;
using RagPlatform.Core.Storage;

namespace RagPlatform.Core.Indexing;

/// <summary>
/// Indexes files into a collection. Files are read, hashed, decoded and chunked in parallel; a single writer then
/// stores each batch in the database (state Indexing), writes every index (one commit per index per batch) and
/// marks the batch Indexed. Unchanged files are skipped by content hash; a file that fails is reported and leaves the
/// rest of the run, and any earlier good version of that document, untouched.
/// </summary>
public sealed class IngestionPipeline(
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
    private const int MaxBatchDocuments = 64;
    private const int MaxBatchChunks = 4096;

    private readonly IDocumentIndex[] _indexes = [.. indexes];
    private readonly IngestionOptions _options = options.Value;

    /// <summary>Extensions the decoders accept.</summary>
    public IReadOnlyCollection<string> SupportedExtensions => decoder.SupportedExtensions;

    /// <summary>The indexes every document is written to, by name.</summary>
    public IReadOnlyList<string> IndexNames => [.. _indexes.Select(i => i.Name)];

    /// <summary>Indexes <paramref name="inputs"/> into <paramref name="collection"/>; with <paramref name="prune"/>, removes documents whose files are gone.</summary>
    public Task<IndexSummary> IndexAsync(
        string collection,
        IReadOnlyList<SourceFile> inputs,
        bool prune,
        IProgress<IndexProgress>? progress,
        CancellationToken cancellationToken)
        => RunAsync(collection, inputs, (c, input, ct) => PrepareFileAsync(c, input, ct), i => i.Source, prune, progress, cancellationToken);

    /// <summary>Indexes text records (no decoder): each record is one page; <paramref name="singleChunk"/> keeps each record one chunk.</summary>
    public Task<IndexSummary> IndexRecordsAsync(
        string collection,
        IReadOnlyList<TextRecord> records,
        bool singleChunk,
        IProgress<IndexProgress>? progress,
        CancellationToken cancellationToken)
        => RunAsync(collection, records, (c, record, ct) => PrepareRecordAsync(c, record, singleChunk, ct), r => r.Source, prune: false, progress, cancellationToken);

    /// <summary>Deletes a document from the database, every index and the file store.</summary>
    public async Task<bool> DeleteDocumentAsync(Guid id, CancellationToken cancellationToken)
    {
        writerLock.EnsureHeld();
        var document = await store.GetDocumentAsync(id, cancellationToken);
        if (document is null)
        {
            return false;
        }

        // The database goes first: search only serves documents the database calls Indexed, so a crash after this
        // line leaves orphans in the indexes that recovery removes, never a visible half-deleted document.
        await store.DeleteDocumentAsync(id, cancellationToken);
        foreach (var index in _indexes)
        {
            await index.DeleteAsync(document.Collection, [id], cancellationToken);
        }

        files.Delete(id);
        Log.DocumentDeleted(logger, id);
        return true;
    }

    /// <summary>
    /// Brings the stores back into agreement after a crash: documents left Indexing are written again from the
    /// database and marked Indexed; index entries of unknown or unservable documents are removed; counts that
    /// disagree are rewritten. Returns the number of repairs.
    /// </summary>
    public async Task<int> RecoverAsync(CancellationToken cancellationToken)
    {
        writerLock.EnsureHeld();
        var repaired = 0;
        var damaged = new HashSet<string>(StringComparer.Ordinal);

        // Replacements of served documents left in flight: finished when the database committed the new version,
        // otherwise rolled back (every index rewritten from the database's served version, the staged file dropped).
        // One at a time, so a damaged collection leaves its markers for the next start and stops nothing else.
        foreach (var version in files.ListStaged())
        {
            try
            {
                await SettleStagedAsync([version], _indexes, cancellationToken);
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
        foreach (var index in _indexes)
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

    /// <summary>
    /// Rebuilds every index of <paramref name="collection"/> from the database, for settings that change how chunks are
    /// indexed (the BM25 field layout, the embedding model). Documents stay served from the database meanwhile; search
    /// returns fewer hits until the rebuild ends. Returns the number of documents written.
    /// </summary>
    public async Task<int> RebuildIndexesAsync(string collection, CancellationToken cancellationToken)
    {
        writerLock.EnsureHeld();
        collection = CollectionName.Validate(collection);
        foreach (var index in _indexes)
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
            if (batch.Count >= MaxBatchDocuments * 4 || chunkCount >= MaxBatchChunks)
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

        foreach (var index in _indexes)
        {
            await index.UpsertAsync(collection, batch, cancellationToken);
        }
    }

    private async Task RewriteAsync(DocumentInfo document, CancellationToken cancellationToken)
    {
        var chunks = await store.GetChunksAsync(document.Id, cancellationToken);
        foreach (var index in _indexes)
        {
            await index.UpsertAsync(document.Collection, [new IndexedDocument(document, chunks)], cancellationToken);
        }

        await store.SetDocumentStatesAsync([document.Id], DocumentState.Indexed, null, time.GetUtcNow(), cancellationToken);
    }

    private async Task<IndexSummary> RunAsync<T>(
        string collection,
        IReadOnlyList<T> inputs,
        Func<string, T, CancellationToken, Task<Prepared>> prepare,
        Func<T, string> sourceOf,
        bool prune,
        IProgress<IndexProgress>? progress,
        CancellationToken cancellationToken)
    {
        collection = CollectionName.Validate(collection);
        writerLock.EnsureHeld();
        health.ThrowIfDamaged(collection);
        await store.EnsureCollectionAsync(collection, cancellationToken);
        var started = time.GetTimestamp();
        var tally = new IndexTally(inputs.Count, progress);
        var channel = Channel.CreateBounded<Prepared>(new BoundedChannelOptions(MaxBatchDocuments) { SingleReader = true });

        var producer = Task.Run(
            async () =>
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
                                await channel.Writer.WriteAsync(prepared, ct);
                            }
                        });
                    channel.Writer.Complete();
                }
                catch (Exception ex)
                {
                    channel.Writer.Complete(ex);
                }
            },
            cancellationToken);

        var batch = new List<Prepared>();
        while (await channel.Reader.WaitToReadAsync(cancellationToken))
        {
            var chunkCount = 0;
            while (batch.Count < MaxBatchDocuments && chunkCount < MaxBatchChunks && channel.Reader.TryRead(out var item))
            {
                batch.Add(item);
                chunkCount += item.Document!.Chunks.Count;
            }

            await WriteBatchAsync(collection, batch, tally, cancellationToken);
            batch.Clear();
        }

        await producer;
        var removed = prune ? await PruneAsync(collection, cancellationToken) : 0;
        return tally.ToSummary(collection, removed, time.GetElapsedTime(started).TotalSeconds);
    }

    private async Task WriteBatchAsync(string collection, List<Prepared> batch, IndexTally tally, CancellationToken cancellationToken)
    {
        using var activity = RagActivity.Source.StartActivity("index-batch");
        try
        {
            await WriteAsync(collection, batch, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not IndexUnavailableException && batch.Count > 1)
        {
            // One bad document must not fail its neighbours: write them one by one to find it.
            foreach (var single in batch)
            {
                await WriteBatchAsync(collection, [single], tally, cancellationToken);
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

    private async Task WriteAsync(string collection, List<Prepared> batch, CancellationToken cancellationToken)
    {
        // A document with a served (Indexed) version is replaced atomically; new ones (and ones never indexed) are
        // stored first as Indexing, invisible to search until every index committed them.
        var served = await ServedIdsAsync(collection, batch, cancellationToken);
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
            meter?.StartBatch(documents.Sum(d => d.Info.Bytes), _indexes.Length);
            try
            {
                foreach (var index in _indexes)
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
            await ReplaceAsync(collection, [.. batch.Where(p => served.Contains(p.Document!.Info.Id))], cancellationToken);
        }
    }

    private async Task<HashSet<Guid>> ServedIdsAsync(string collection, List<Prepared> batch, CancellationToken cancellationToken)
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

    /// <summary>
    /// Replaces served documents so that the old version stays whole in the database and the file store until every
    /// store holds the new one: the new file is staged beside the live one with a marker (the new hash) that recovery
    /// reads, every index is written with the new version, then the database commits text, pages, sections, chunks,
    /// hash and state in one transaction and the staged file is promoted by an atomic rename. On any failure every
    /// index written so far is rewritten from the database's served version and the staged file is dropped.
    /// Between the first index commit and the database commit, the indexes already hold the new chunks while the
    /// database still holds the old text (see ARCHITECTURE.md, "the replacement window").
    /// </summary>
    private async Task ReplaceAsync(string collection, List<Prepared> batch, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var documents = batch
            .Select(p => p.Document! with { Info = p.Document!.Info with { State = DocumentState.Indexed, Error = null, UpdatedAt = now } })
            .ToList();
        var staged = documents.Select(d => new StagedVersion(d.Info.Id, d.Info.ContentHash)).ToList();
        var written = 0;
        try
        {
            foreach (var prepared in batch)
            {
                await files.StageAsync(prepared.Document!.Info.Id, prepared.FilePath, prepared.Document.Info.ContentHash, cancellationToken);
            }

            var indexed = documents.Select(d => new IndexedDocument(d.Info, d.Chunks, d.Text)).ToList();
            foreach (var index in _indexes)
            {
                written++;
                await index.UpsertAsync(collection, indexed, cancellationToken);
            }

            await store.ReplaceDocumentsAsync(documents, cancellationToken);
        }
        catch (Exception ex)
        {
            try
            {
                // Bounded work that must happen even when the run is being cancelled.
                var committed = await SettleStagedAsync(staged, _indexes.Take(written), CancellationToken.None);
                if (committed.Count == staged.Count)
                {
                    return; // the database commit went through although it reported a failure
                }
            }
            catch (Exception rollback) when (rollback is not OperationCanceledException)
            {
                // The markers stay, so the next start's recovery rolls back what could not be restored now.
                staged.ForEach(s => Log.RollbackFailed(logger, rollback, s.DocumentId));
            }

            ExceptionDispatchInfo.Throw(ex);
        }

        foreach (var document in documents)
        {
            files.CommitStaged(document.Info.Id);
        }
    }

    /// <summary>
    /// Finishes or rolls back staged replacements. When the database holds a document's new hash, the new version
    /// committed: its staged file is promoted. Otherwise <paramref name="indexes"/> are rewritten from the database's
    /// served version and the staged file is dropped. Returns the ids whose new version had committed.
    /// </summary>
    private async Task<HashSet<Guid>> SettleStagedAsync(IReadOnlyList<StagedVersion> staged, IEnumerable<IDocumentIndex> indexes, CancellationToken cancellationToken)
    {
        var committed = new HashSet<Guid>();
        var restore = new List<IndexedDocument>();
        foreach (var version in staged)
        {
            var document = await store.GetDocumentAsync(version.DocumentId, cancellationToken);
            if (document is not null && document.ContentHash == version.ContentHash)
            {
                committed.Add(document.Id);
            }
            else if (document is { State: DocumentState.Indexed })
            {
                restore.Add(new IndexedDocument(document, await store.GetChunksAsync(document.Id, cancellationToken)));
            }

            // A document deleted meanwhile, or not served: recovery's orphan pass removes whatever the indexes hold of it.
        }

        foreach (var index in indexes)
        {
            foreach (var group in restore.GroupBy(d => d.Info.Collection, StringComparer.Ordinal))
            {
                await index.UpsertAsync(group.Key, [.. group], cancellationToken);
            }
        }

        foreach (var version in staged)
        {
            if (committed.Contains(version.DocumentId))
            {
                files.CommitStaged(version.DocumentId);
            }
            else
            {
                files.DiscardStaged(version.DocumentId);
                Log.ReplaceRolledBack(logger, version.DocumentId);
            }
        }

        return committed;
    }

    private async Task<Prepared> PrepareFileAsync(string collection, SourceFile input, CancellationToken cancellationToken)
    {
        byte[] bytes;
        try
        {
            bytes = await ReadInputAsync(input, cancellationToken);
        }
        catch (Exception ex) when (ex is DocumentFormatException or IOException or UnauthorizedAccessException)
        {
            var message = ex is DocumentFormatException ? ex.Message : $"cannot read the file: {ex.Message}";
            return new Prepared(null, null, Outcome.Failed(message));
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(bytes));
        var existing = await store.FindDocumentBySourceAsync(collection, input.Source, cancellationToken);
        if (existing is { State: DocumentState.Indexed } && existing.ContentHash == hash)
        {
            return new Prepared(null, null, Outcome.Unchanged);
        }

        var id = existing?.Id ?? Guid.CreateVersion7(time.GetUtcNow());
        var now = time.GetUtcNow();
        DocumentText text;
        IReadOnlyList<Chunk> chunks;
        var budget = _options.DecodeBudget(bytes.LongLength);
        using var timeout = new CancellationTokenSource(budget, time);
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            using (RagActivity.Source.StartActivity("decode"))
            {
                text = decoder.Decode(bytes, Path.GetFileName(input.Source), bounded.Token);
            }

            using (RagActivity.Source.StartActivity("chunk"))
            {
                chunks = chunker.Split(id, text, bounded.Token);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            var message = ex is DocumentFormatException ? ex.Message
                : ex is OperationCanceledException && timeout.IsCancellationRequested
                    ? string.Create(CultureInfo.InvariantCulture, $"decoding took longer than its budget of {budget.TotalSeconds:0.###} s (Ingestion:DecodeTimeout, Ingestion:DecodeTimeoutPerMegabyte)")
                    : $"cannot decode the file: {ex.Message}";
            Log.DecodeFailed(logger, ex, input.Source);
            if (existing is null || existing.State != DocumentState.Indexed)
            {
                // Keep a Failed record so users see what happened; an earlier good version is never replaced by a failure.
                await store.UpsertDocumentInfoAsync(
                    new DocumentInfo(id, collection, Path.GetFileName(input.Source), input.Source, hash, DocumentState.Failed,
                        0, 0, bytes.LongLength, [], message, existing?.CreatedAt ?? now, now),
                    cancellationToken);
            }
            else
            {
                // The served version stays as it is; its record says why the new upload was refused.
                await store.SetDocumentStatesAsync([existing.Id], DocumentState.Indexed, $"latest upload failed: {message}", now, cancellationToken);
            }

            return new Prepared(null, null, Outcome.Failed(message));
        }

        var info = new DocumentInfo(
            id, collection, TitleOf(text, input.Source), input.Source, hash, DocumentState.Indexing,
            text.Pages.Count, chunks.Count, bytes.LongLength, text.Warnings, null, existing?.CreatedAt ?? now, now)
        {
            Authors = text.Authors,
            Date = text.Date,
        };
        // A document queued by an upload but never indexed counts as new.
        var isNew = existing is null || existing.State == DocumentState.Queued;
        return new Prepared(new ParsedDocument(info, text, chunks), input.Path, isNew ? Outcome.Added : Outcome.Updated);
    }

    private async Task<Prepared> PrepareRecordAsync(string collection, TextRecord record, bool singleChunk, CancellationToken cancellationToken)
    {
        var bytes = Encoding.UTF8.GetBytes(record.Title + "\u0000" + record.Text);
        var hash = Convert.ToHexStringLower(SHA256.HashData(bytes));
        var existing = await store.FindDocumentBySourceAsync(collection, record.Source, cancellationToken);
        if (existing is { State: DocumentState.Indexed } && existing.ContentHash == hash)
        {
            return new Prepared(null, null, Outcome.Unchanged);
        }

        if (string.IsNullOrWhiteSpace(record.Text))
        {
            return new Prepared(null, null, Outcome.Failed("the record has no text"));
        }

        var id = existing?.Id ?? Guid.CreateVersion7(time.GetUtcNow());
        var now = time.GetUtcNow();
        var text = new DocumentText(record.Text, [new PageSpan(1, 0, record.Text.Length)], [], [], record.Title);
        IReadOnlyList<Chunk> chunks = singleChunk
            ? [new Chunk(Chunk.MakeId(id, 0), id, 0, 0, record.Text.Length, 1, 1, string.Empty, record.Text)]
            : chunker.Split(id, text, cancellationToken);
        var info = new DocumentInfo(
            id, collection, string.IsNullOrWhiteSpace(record.Title) ? record.Source : record.Title, record.Source, hash,
            DocumentState.Indexing, 1, chunks.Count, bytes.LongLength, [], null, existing?.CreatedAt ?? now, now);
        return new Prepared(new ParsedDocument(info, text, chunks), null, existing is null ? Outcome.Added : Outcome.Updated);
    }

    private async Task<byte[]> ReadInputAsync(SourceFile input, CancellationToken cancellationToken)
    {
        var info = new FileInfo(input.Path);
        if (!info.Exists)
        {
            throw new DocumentFormatException("the file does not exist");
        }

        var extension = Path.GetExtension(input.Source).ToLowerInvariant();
        if (!decoder.SupportedExtensions.Contains(extension))
        {
            throw new DocumentFormatException(
                $"unsupported file type '{(extension.Length == 0 ? "(none)" : extension)}'; supported: {string.Join(", ", decoder.SupportedExtensions.Order())}");
        }

        if (info.Length > _options.MaxFileBytes)
        {
            throw new DocumentFormatException($"the file is {info.Length:N0} bytes, over the limit of {_options.MaxFileBytes:N0} bytes (Ingestion:MaxFileBytes)");
        }

        if (info.Length == 0)
        {
            throw new DocumentFormatException("the file is empty (0 bytes)");
        }

        return await File.ReadAllBytesAsync(input.Path, cancellationToken);
    }

    private async Task<int> PruneAsync(string collection, CancellationToken cancellationToken)
    {
        var removed = 0;
        foreach (var document in await store.ListDocumentsAsync(collection, cancellationToken))
        {
            if (Path.IsPathFullyQualified(document.Source) && !File.Exists(document.Source)
                && await DeleteDocumentAsync(document.Id, cancellationToken))
            {
                removed++;
            }
        }

        return removed;
    }

    private static string TitleOf(DocumentText text, string source)
        => string.IsNullOrWhiteSpace(text.Title) ? Path.GetFileName(source) : text.Title.Trim();

    private sealed record Prepared(ParsedDocument? Document, string? FilePath, Outcome Outcome);
}
