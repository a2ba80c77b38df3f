using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using RagPlatform.Core.Embeddings;
using RagPlatform.Core.Errors;
using RagPlatform.Core.Storage;

namespace RagPlatform.Search.Late;

/// <summary>
/// The <see cref="ILateInteractionIndex"/>: int8 token vectors per collection under {IndexDirectory(collection)}/late,
/// held in memory for MaxSim scoring; each write appends one segment file before it returns. A reader looks at most once
/// a second for segments another process committed (an indexing worker) and then reads the store again, so its scores
/// follow committed snapshots as the BM25 and dense indexes do.
/// </summary>
public sealed class LateInteractionStore(IOptions<StorageOptions> storage, TimeProvider? time = null) : ILateInteractionIndex, ISentenceVectorIndex
{
    private static readonly TimeSpan s_refreshInterval = TimeSpan.FromSeconds(1);
    private readonly ConcurrentDictionary<string, Lazy<Slot>> _open = new(StringComparer.Ordinal);
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <summary>The folder of a collection's token store.</summary>
    public string Folder(string collection) => Path.Combine(storage.Value.IndexDirectory(collection), "late");

    /// <summary>Tokens stored for a collection (for size figures: each costs dimensions + 4 bytes).</summary>
    public long TokenCount(string collection) => Get(collection).Collection.TokenCount;

    /// <inheritdoc />
    public void Upsert(string collection, EmbeddingModelIdentity model, IReadOnlyCollection<Guid> documentIds, IReadOnlyList<(string ChunkId, Guid DocumentId, float[] Tokens)> entries, CancellationToken cancellationToken) =>
        Upsert(collection, model, documentIds, [.. entries.Select(e => new ChunkVectors(e.ChunkId, e.DocumentId, e.Tokens, []))], cancellationToken);

    /// <inheritdoc />
    public void Upsert(string collection, EmbeddingModelIdentity model, IReadOnlyCollection<Guid> documentIds, IReadOnlyList<ChunkVectors> entries, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var quantized = entries.Select(e => QuantizedTokens.Quantize(e, model.Dimensions)).ToList();
        var slot = Get(collection);
        slot.Lock.EnterWriteLock();
        try
        {
            CatchUp(collection, slot);
            slot.Collection.CheckModel(model, collection);
            slot.Collection.Write(model, documentIds, quantized);
            slot.Stamp = Stamp(collection);
        }
        finally
        {
            slot.Lock.ExitWriteLock();
        }
    }

    /// <inheritdoc />
    public void Delete(string collection, IReadOnlyCollection<Guid> documentIds, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var slot = Get(collection);
        slot.Lock.EnterWriteLock();
        try
        {
            CatchUp(collection, slot);
            if (slot.Collection.Model is { } model && documentIds.Count > 0)
            {
                slot.Collection.Write(model, documentIds, []);
                slot.Stamp = Stamp(collection);
            }
        }
        finally
        {
            slot.Lock.ExitWriteLock();
        }
    }

    /// <inheritdoc />
    public IReadOnlyDictionary<string, double> Score(string collection, EmbeddingModelIdentity model, float[] queryTokens, IReadOnlyCollection<string> chunkIds)
    {
        var slot = Get(collection);
        slot.Lock.EnterReadLock();
        try
        {
            slot.Collection.CheckModel(model, collection);
            return slot.Collection.Score(queryTokens, model.Dimensions, chunkIds);
        }
        finally
        {
            slot.Lock.ExitReadLock();
        }
    }

    /// <inheritdoc />
    public IReadOnlyDictionary<UInt128, float[]> FindSentences(
        string collection, EmbeddingModelIdentity model, IReadOnlyCollection<string> chunkIds, IReadOnlyCollection<Guid> documentIds, IReadOnlyCollection<UInt128> keys)
    {
        var slot = Get(collection);
        slot.Lock.EnterReadLock();
        try
        {
            // Vectors of another model would score on another scale: a store written by another model has none to offer.
            return slot.Collection.Model is { } stored && stored == model
                ? slot.Collection.FindSentences(chunkIds, documentIds, keys)
                : new Dictionary<UInt128, float[]>();
        }
        finally
        {
            slot.Lock.ExitReadLock();
        }
    }

    /// <inheritdoc />
    public IReadOnlyDictionary<Guid, int> GetChunkCounts(string collection)
    {
        var slot = Get(collection);
        slot.Lock.EnterReadLock();
        try
        {
            return slot.Collection.ChunkCounts();
        }
        finally
        {
            slot.Lock.ExitReadLock();
        }
    }

    /// <inheritdoc />
    public void DropCollection(string collection)
    {
        _open.TryRemove(collection, out _);
        var folder = Folder(collection);
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, true);
        }
    }

    /// <inheritdoc />
    public void RenameCollection(string collection, string newName)
    {
        _open.TryRemove(collection, out _);
        _open.TryRemove(newName, out _);
        IndexFolders.Move(Folder(collection), Folder(newName));
    }

    private Slot Get(string collection)
    {
        var lazy = _open.GetOrAdd(collection, c => new Lazy<Slot>(() => Open(c)));
        Slot slot;
        try
        {
            slot = lazy.Value;
        }
        catch
        {
            _open.TryRemove(new KeyValuePair<string, Lazy<Slot>>(collection, lazy));
            throw;
        }

        return Refreshed(collection, slot);
    }

    private Slot Open(string collection)
    {
        var stamp = Stamp(collection);
        return new Slot(LateCollection.Open(Folder(collection))) { Stamp = stamp, CheckedAt = _time.GetUtcNow() };
    }

    /// <summary>At most once a second: reads the store again when another process committed to it since this one last read or wrote it.</summary>
    private Slot Refreshed(string collection, Slot slot)
    {
        var now = _time.GetUtcNow();
        if (now - slot.CheckedAt < s_refreshInterval || Stamp(collection) == slot.Stamp)
        {
            slot.CheckedAt = now;
            return slot;
        }

        // Searches or a write hold the store: look again on the next call rather than wait for them.
        if (slot.Lock.TryEnterWriteLock(0))
        {
            try
            {
                CatchUp(collection, slot);
                slot.CheckedAt = now;
            }
            finally
            {
                slot.Lock.ExitWriteLock();
            }
        }

        return slot;
    }

    /// <summary>
    /// With the slot's write lock held: the store as committed on disk, when the files differ from what this slot last read
    /// or wrote. Kept as it is while another process compacts the store, or when the files moved while they were read.
    /// </summary>
    private void CatchUp(string collection, Slot slot)
    {
        var before = Stamp(collection);
        if (before == slot.Stamp || File.Exists(Path.Combine(Folder(collection), LateCollection.CompactingFile)))
        {
            return;
        }

        try
        {
            var fresh = LateCollection.Open(Folder(collection));
            if (Stamp(collection) == before)
            {
                slot.Collection = fresh;
                slot.Stamp = before;
            }
        }
        catch (Exception ex) when (ex is IndexUnavailableException or IOException)
        {
            // Caught mid-commit (a segment renamed or compacted away while it was read): keep this snapshot.
        }
    }

    /// <summary>The segment files' names, lengths and write times: every commit adds, renames or removes one.</summary>
    private string Stamp(string collection)
    {
        var folder = new DirectoryInfo(Folder(collection));
        if (!folder.Exists)
        {
            return string.Empty;
        }

        return string.Join('|', folder.GetFiles("*").Where(f => f.Name.StartsWith("seg-", StringComparison.Ordinal) || f.Name == "manifest.json")
            .OrderBy(f => f.Name, StringComparer.Ordinal)
            .Select(f => $"{f.Name}:{f.Length}:{f.LastWriteTimeUtc.Ticks}"));
    }

    private sealed class Slot(LateCollection collection)
    {
        /// <summary>The store as last read or written; replaced only under the write lock.</summary>
        public LateCollection Collection { get; set; } = collection;

        public ReaderWriterLockSlim Lock { get; } = new(LockRecursionPolicy.NoRecursion);

        /// <summary>The files as this slot last read or wrote them.</summary>
        public string Stamp { get; set; } = string.Empty;

        public DateTimeOffset CheckedAt { get; set; }
    }
}
