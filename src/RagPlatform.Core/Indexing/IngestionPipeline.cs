using System.Diagnostics;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RagPlatform.Core.Collections;
using RagPlatform.Core.Diagnostics;
using RagPlatform.Core.Documents;
using RagPlatform.Core.Errors;
using RagPlatform.Core.Jobs;
using RagPlatform.Core.Storage;

namespace RagPlatform.Core.Indexing;

/// <summary>
/// Indexes files into a collection: decode, chunk, store in the database (state Indexing), write every index,
/// then mark the document Indexed. Unchanged files are skipped by content hash; a file that fails leaves the rest
/// of the run, and any earlier good version of that document, untouched.
/// </summary>
public sealed class IngestionPipeline(
    IMetadataStore store,
    IDocumentDecoder decoder,
    IChunker chunker,
    IEnumerable<IDocumentIndex> indexes,
    FileStore files,
    IOptions<IngestionOptions> options,
    TimeProvider time,
    ILogger<IngestionPipeline> logger)
{
    private readonly IDocumentIndex[] _indexes = [.. indexes];
    private readonly IngestionOptions _options = options.Value;

    /// <summary>Extensions the decoders accept.</summary>
    public IReadOnlyCollection<string> SupportedExtensions => decoder.SupportedExtensions;

    /// <summary>Indexes <paramref name="inputs"/> into <paramref name="collection"/>; with <paramref name="prune"/>, removes documents whose files are gone.</summary>
    public async Task<IndexSummary> IndexAsync(
        string collection,
        IReadOnlyList<SourceFile> inputs,
        bool prune,
        IProgress<IndexProgress>? progress,
        CancellationToken cancellationToken)
    {
        collection = CollectionName.Validate(collection);
        await store.EnsureCollectionAsync(collection, cancellationToken);
        var started = time.GetTimestamp();
        var tally = new Tally();

        await Parallel.ForEachAsync(
            inputs,
            new ParallelOptions { MaxDegreeOfParallelism = _options.Parallelism, CancellationToken = cancellationToken },
            async (input, ct) =>
            {
                var outcome = await IndexOneAsync(collection, input, ct);
                var snapshot = tally.Add(input, outcome, inputs.Count);
                progress?.Report(snapshot);
            });

        var removed = prune ? await PruneAsync(collection, cancellationToken) : 0;
        return tally.ToSummary(collection, removed, time.GetElapsedTime(started).TotalSeconds);
    }

    /// <summary>Deletes a document from the database, every index and the file store.</summary>
    public async Task<bool> DeleteDocumentAsync(Guid id, CancellationToken cancellationToken)
    {
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
    /// disagree are rewritten.
    /// </summary>
    public async Task<int> RecoverAsync(CancellationToken cancellationToken)
    {
        var repaired = 0;
        foreach (var document in await store.ListDocumentsByStateAsync(DocumentState.Indexing, cancellationToken))
        {
            await RewriteAsync(document, cancellationToken);
            repaired++;
        }

        foreach (var collection in await store.ListCollectionsAsync(cancellationToken))
        {
            var documents = (await store.ListDocumentsAsync(collection.Name, cancellationToken)).ToDictionary(d => d.Id);
            var dbCounts = await store.GetChunkCountsAsync(collection.Name, cancellationToken);
            foreach (var index in _indexes)
            {
                var indexCounts = await index.GetChunkCountsAsync(collection.Name, cancellationToken);
                foreach (var (id, count) in indexCounts)
                {
                    if (!documents.TryGetValue(id, out var document) || document.State != DocumentState.Indexed)
                    {
                        await index.DeleteAsync(collection.Name, [id], cancellationToken);
                        repaired++;
                    }
                    else if (dbCounts.GetValueOrDefault(id) != count)
                    {
                        await RewriteAsync(document, cancellationToken);
                        repaired++;
                    }
                }

                foreach (var document in documents.Values.Where(d => d.State == DocumentState.Indexed && !indexCounts.ContainsKey(d.Id)))
                {
                    if (dbCounts.GetValueOrDefault(document.Id) > 0)
                    {
                        await RewriteAsync(document, cancellationToken);
                        repaired++;
                    }
                }
            }
        }

        if (repaired > 0)
        {
            Log.Recovered(logger, repaired);
        }

        return repaired;
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

    private async Task<Outcome> IndexOneAsync(string collection, SourceFile input, CancellationToken cancellationToken)
    {
        using var activity = RagActivity.Source.StartActivity("index-document");
        byte[] bytes;
        try
        {
            bytes = await ReadInputAsync(input, cancellationToken);
        }
        catch (DocumentFormatException ex)
        {
            return Outcome.Fail(ex.Message);
        }
        catch (IOException ex)
        {
            return Outcome.Fail($"cannot read the file: {ex.Message}");
        }
        catch (UnauthorizedAccessException ex)
        {
            return Outcome.Fail($"cannot read the file: {ex.Message}");
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(bytes));
        var existing = await store.FindDocumentBySourceAsync(collection, input.Source, cancellationToken);
        if (existing is { State: DocumentState.Indexed } && existing.ContentHash == hash)
        {
            return Outcome.Skipped;
        }

        var id = existing?.Id ?? Guid.CreateVersion7(time.GetUtcNow());
        var now = time.GetUtcNow();
        DocumentText text;
        IReadOnlyList<Chunk> chunks;
        try
        {
            text = await Task.Run(() => decoder.Decode(bytes, Path.GetFileName(input.Source), cancellationToken), cancellationToken);
            chunks = chunker.Split(id, text);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            var message = ex is DocumentFormatException ? ex.Message : $"cannot decode the file: {ex.Message}";
            Log.DecodeFailed(logger, ex, input.Source);
            if (existing is null || existing.State != DocumentState.Indexed)
            {
                // Keep a Failed record so users see what happened; an earlier good version is never replaced by a failure.
                await store.UpsertDocumentInfoAsync(
                    new DocumentInfo(id, collection, Path.GetFileName(input.Source), input.Source, hash, DocumentState.Failed,
                        0, 0, bytes.LongLength, [], message, existing?.CreatedAt ?? now, now),
                    cancellationToken);
            }

            return Outcome.Fail(message);
        }

        var info = new DocumentInfo(
            id, collection, TitleOf(text, input.Source), input.Source, hash, DocumentState.Indexing,
            text.Pages.Count, chunks.Count, bytes.LongLength, text.Warnings, null, existing?.CreatedAt ?? now, now);
        try
        {
            await store.SaveDocumentsAsync([new ParsedDocument(info, text, chunks)], cancellationToken);
            await files.SaveAsync(id, input.Path, cancellationToken);
            foreach (var index in _indexes)
            {
                await index.UpsertAsync(collection, [new IndexedDocument(info, chunks)], cancellationToken);
            }

            await store.SetDocumentStatesAsync([id], DocumentState.Indexed, null, time.GetUtcNow(), cancellationToken);
        }
        catch (IndexUnavailableException)
        {
            // The whole run cannot go on (locked or corrupt index); the document stays Indexing and recovery finishes it.
            throw;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.WriteFailed(logger, ex, input.Source);
            await store.SetDocumentStatesAsync([id], DocumentState.Failed, $"indexing failed: {ex.Message}", time.GetUtcNow(), CancellationToken.None);
            return Outcome.Fail($"indexing failed: {ex.Message}");
        }

        Log.DocumentIndexed(logger, id, text.Pages.Count, chunks.Count);
        return existing is null ? Outcome.Added(text.Pages.Count, chunks.Count) : Outcome.Updated(text.Pages.Count, chunks.Count);
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

    private readonly record struct Outcome(char Kind, int Pages, int Chunks, string? Error)
    {
        public static Outcome Skipped => new('s', 0, 0, null);

        public static Outcome Added(int pages, int chunks) => new('a', pages, chunks, null);

        public static Outcome Updated(int pages, int chunks) => new('u', pages, chunks, null);

        public static Outcome Fail(string error) => new('f', 0, 0, error);
    }

    private sealed class Tally
    {
        private readonly Lock _lock = new();
        private readonly List<FileError> _errors = [];
        private int _done;
        private int _added;
        private int _updated;
        private int _unchanged;
        private int _pages;
        private int _chunks;

        public IndexProgress Add(SourceFile input, Outcome outcome, int total)
        {
            lock (_lock)
            {
                _done++;
                switch (outcome.Kind)
                {
                    case 'a': _added++; break;
                    case 'u': _updated++; break;
                    case 's': _unchanged++; break;
                    default: _errors.Add(new FileError(input.Source, outcome.Error ?? "failed")); break;
                }

                _pages += outcome.Pages;
                _chunks += outcome.Chunks;
                return new IndexProgress(_done, total, _pages, _chunks, input.Source);
            }
        }

        public IndexSummary ToSummary(string collection, int removed, double seconds)
        {
            lock (_lock)
            {
                return new IndexSummary
                {
                    Collection = collection,
                    Added = _added,
                    Updated = _updated,
                    Unchanged = _unchanged,
                    Removed = removed,
                    Failed = _errors.Count,
                    Errors = [.. _errors.OrderBy(e => e.Path, StringComparer.Ordinal)],
                    Pages = _pages,
                    Chunks = _chunks,
                    Seconds = Math.Round(seconds, 3),
                };
            }
        }
    }
}
