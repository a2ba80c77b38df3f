using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using RagPlatform.Core.Embeddings;
using RagPlatform.Core.Storage;

namespace RagPlatform.Search.Late;

/// <summary>
/// The <see cref="ILateInteractionIndex"/>: int8 token vectors per collection under {IndexDirectory(collection)}/late,
/// held in memory for MaxSim scoring; each write appends one segment file before it returns.
/// </summary>
public sealed class LateInteractionStore(IOptions<StorageOptions> storage) : ILateInteractionIndex, ISentenceVectorIndex
{
    private readonly ConcurrentDictionary<string, Lazy<Slot>> _open = new(StringComparer.Ordinal);

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
            slot.Collection.CheckModel(model, collection);
            slot.Collection.Write(model, documentIds, quantized);
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
            if (slot.Collection.Model is { } model && documentIds.Count > 0)
            {
                slot.Collection.Write(model, documentIds, []);
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
        var lazy = _open.GetOrAdd(collection, c => new Lazy<Slot>(() => new Slot(LateCollection.Open(Folder(c)))));
        try
        {
            return lazy.Value;
        }
        catch
        {
            _open.TryRemove(new KeyValuePair<string, Lazy<Slot>>(collection, lazy));
            throw;
        }
    }

    private sealed record Slot(LateCollection Collection)
    {
        public ReaderWriterLockSlim Lock { get; } = new(LockRecursionPolicy.NoRecursion);
    }
}
