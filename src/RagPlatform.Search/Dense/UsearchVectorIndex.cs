using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using RagPlatform.Core.Embeddings;
using RagPlatform.Core.Errors;
using RagPlatform.Core.Storage;

namespace RagPlatform.Search.Dense;

/// <summary>
/// The <see cref="IVectorIndex"/> on USearch: one HNSW index (cosine, f32) per collection under
/// {IndexDirectory(collection)}/dense, loaded once and kept in memory; writes are serialized per collection and
/// commit to disk before they return. A collection this instance has never written follows the commits of other
/// processes (a <c>ragp worker</c> beside the server): at most once a second it compares the manifest's stamp and
/// reopens the committed snapshot when it changed, keeping the old one if the new cannot be read yet.
/// </summary>
/// <param name="storage">Where collections live.</param>
/// <param name="options">HNSW settings.</param>
/// <param name="time">The clock of the refresh checks.</param>
/// <param name="folderName">The folder under each collection's index directory: "dense", or another name for a second instance (a second encoder's vectors).</param>
public sealed class UsearchVectorIndex(IOptions<StorageOptions> storage, IOptions<DenseOptions> options, TimeProvider? time = null, string folderName = "dense") : IVectorIndex, IDisposable
{
    private static readonly TimeSpan s_refreshInterval = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<string, Lazy<Slot>> _open = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _written = new(StringComparer.Ordinal);
    private readonly DenseOptions _options = options.Value;
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <summary>The folder of a collection's dense index.</summary>
    public string Folder(string collection) => Path.Combine(storage.Value.IndexDirectory(collection), folderName);

    /// <inheritdoc />
    public void Upsert(string collection, EmbeddingModelIdentity model, IReadOnlyCollection<Guid> documentIds, IReadOnlyList<VectorEntry> entries, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        _written[collection] = true;
        var slot = Get(collection);
        slot.Lock.EnterWriteLock();
        try
        {
            slot.Collection.CheckModel(model, collection);
            slot.Collection.Upsert(model, documentIds, entries, _options);
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
        _written[collection] = true;
        var slot = Get(collection);
        slot.Lock.EnterWriteLock();
        try
        {
            slot.Collection.Delete(documentIds);
        }
        finally
        {
            slot.Lock.ExitWriteLock();
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<VectorMatch> Search(string collection, EmbeddingModelIdentity model, ReadOnlySpan<float> query, int top)
    {
        var slot = Get(collection);
        slot.Lock.EnterReadLock();
        // USearch keeps one search context per hardware thread and fails ("Reserve capacity ahead of searches!") when
        // more searches than that run at once, as under 50 concurrent requests: the rest wait for a context.
        slot.Searches.Wait();
        try
        {
            slot.Collection.CheckModel(model, collection);
            return slot.Collection.Search(query, top, _options.ExpansionSearch);
        }
        finally
        {
            slot.Searches.Release();
            slot.Lock.ExitReadLock();
        }
    }

    /// <inheritdoc />
    public IReadOnlyDictionary<string, double> Score(string collection, EmbeddingModelIdentity model, ReadOnlySpan<float> query, IReadOnlyCollection<string> chunkIds)
    {
        ArgumentNullException.ThrowIfNull(chunkIds);
        var slot = Get(collection);
        slot.Lock.EnterReadLock();
        try
        {
            slot.Collection.CheckModel(model, collection);
            return slot.Collection.Score(query, chunkIds);
        }
        finally
        {
            slot.Lock.ExitReadLock();
        }
    }

    /// <summary>Vectors in the collection's index.</summary>
    public int Count(string collection) => Get(collection).Collection.Count;

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
        Close(collection);
        var folder = Folder(collection);
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, true);
        }
    }

    /// <inheritdoc />
    public void RenameCollection(string collection, string newName)
    {
        Close(collection);
        Close(newName);
        IndexFolders.Move(Folder(collection), Folder(newName));
    }

    private void Close(string collection)
    {
        if (_open.TryRemove(collection, out var slot) && slot.IsValueCreated)
        {
            slot.Value.Lock.EnterWriteLock();
            slot.Value.Collection.Dispose();
            slot.Value.Lock.ExitWriteLock();
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var slot in _open.Values.Where(s => s.IsValueCreated))
        {
            slot.Value.Collection.Dispose();
        }

        _open.Clear();
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
            // A damaged index is reported on every call, not cached as a broken slot.
            _open.TryRemove(new KeyValuePair<string, Lazy<Slot>>(collection, lazy));
            throw;
        }

        return _written.ContainsKey(collection) ? slot : Refreshed(collection, lazy, slot);
    }

    private Slot Open(string collection)
    {
        var stamp = Stamp(collection);
        return new Slot(DenseCollection.Open(Folder(collection), _options)) { Stamp = stamp, CheckedAt = _time.GetUtcNow() };
    }

    /// <summary>The slot, or a newer snapshot another process committed since it was opened.</summary>
    private Slot Refreshed(string collection, Lazy<Slot> lazy, Slot slot)
    {
        var now = _time.GetUtcNow();
        if (now - slot.CheckedAt < s_refreshInterval)
        {
            return slot;
        }

        slot.CheckedAt = now;
        if (Stamp(collection) == slot.Stamp)
        {
            return slot;
        }

        Slot fresh;
        try
        {
            fresh = Open(collection);
        }
        catch (Exception ex) when (ex is IndexUnavailableException or IOException)
        {
            // Caught between the renames of a commit: serve the snapshot we have and look again next time.
            return slot;
        }

        // The old slot is not disposed: a reader may still hold it; the USearch handle's finalizer frees it.
        return _open.TryUpdate(collection, new Lazy<Slot>(fresh), lazy) ? fresh : Get(collection);
    }

    /// <summary>The manifest's write time and length: a commit renames a new manifest into place last.</summary>
    private (long, long) Stamp(string collection)
    {
        var manifest = new FileInfo(Path.Combine(Folder(collection), "manifest.json"));
        return manifest.Exists ? (manifest.LastWriteTimeUtc.Ticks, manifest.Length) : (0, 0);
    }

    private sealed record Slot(DenseCollection Collection)
    {
        public ReaderWriterLockSlim Lock { get; } = new(LockRecursionPolicy.NoRecursion);

        public SemaphoreSlim Searches { get; } = new(Environment.ProcessorCount, Environment.ProcessorCount);

        public (long, long) Stamp { get; init; }

        public DateTimeOffset CheckedAt { get; set; }
    }
}
