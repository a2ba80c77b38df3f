using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using RagPlatform.Core.Embeddings;
using RagPlatform.Core.Storage;

namespace RagPlatform.Search.Dense;

/// <summary>
/// The <see cref="IVectorIndex"/> on USearch: one HNSW index (cosine, f32) per collection under
/// {IndexDirectory(collection)}/dense, loaded once and kept in memory; writes are serialized per collection and
/// commit to disk before they return.
/// </summary>
public sealed class UsearchVectorIndex(IOptions<StorageOptions> storage, IOptions<DenseOptions> options) : IVectorIndex, IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<Slot>> _open = new(StringComparer.Ordinal);
    private readonly DenseOptions _options = options.Value;

    /// <summary>The folder of a collection's dense index.</summary>
    public string Folder(string collection) => Path.Combine(storage.Value.IndexDirectory(collection), "dense");

    /// <inheritdoc />
    public void Upsert(string collection, EmbeddingModelIdentity model, IReadOnlyCollection<Guid> documentIds, IReadOnlyList<VectorEntry> entries, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
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
        var lazy = _open.GetOrAdd(collection, c => new Lazy<Slot>(() => new Slot(DenseCollection.Open(Folder(c), _options))));
        try
        {
            return lazy.Value;
        }
        catch
        {
            // A damaged index is reported on every call, not cached as a broken slot.
            _open.TryRemove(new KeyValuePair<string, Lazy<Slot>>(collection, lazy));
            throw;
        }
    }

    private sealed record Slot(DenseCollection Collection)
    {
        public ReaderWriterLockSlim Lock { get; } = new(LockRecursionPolicy.NoRecursion);

        public SemaphoreSlim Searches { get; } = new(Environment.ProcessorCount, Environment.ProcessorCount);
    }
}
