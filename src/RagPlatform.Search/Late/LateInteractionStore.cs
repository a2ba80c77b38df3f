using Microsoft.Extensions.Options;
using RagPlatform.Core.Embeddings;
using RagPlatform.Core.Storage;
using RagPlatform.Search.Stores;

namespace RagPlatform.Search.Late;

/// <summary>
/// The <see cref="ILateInteractionIndex"/>: int8 token vectors per collection under {IndexDirectory(collection)}/late,
/// held in memory for MaxSim scoring; each write appends one segment file before it returns. A reader looks at most once
/// a second for segments another process committed (an indexing worker) and then reads the store again, so its scores
/// follow committed snapshots as the BM25 and dense indexes do (<see cref="CollectionStores{TStore}"/>).
/// </summary>
public sealed class LateInteractionStore : ILateInteractionIndex, ISentenceVectorIndex, IDisposable
{
    private readonly IOptions<StorageOptions> _storage;
    private readonly CollectionStores<LateCollection> _stores;

    /// <summary>Creates the store service; <paramref name="time"/> paces the look for other processes' commits (default: the system clock).</summary>
    public LateInteractionStore(IOptions<StorageOptions> storage, TimeProvider? time = null)
    {
        _storage = storage;
        _stores = new CollectionStores<LateCollection>(c => LateCollection.Open(Folder(c)), Stamp, (c, _) => CatchUp(c), time ?? TimeProvider.System);
    }

    /// <summary>The folder of a collection's token store.</summary>
    public string Folder(string collection) => Path.Combine(_storage.Value.IndexDirectory(collection), "late");

    /// <summary>Tokens stored for a collection (for size figures: each costs dimensions + 4 bytes).</summary>
    public long TokenCount(string collection) => _stores.Read(collection, late => late.TokenCount);

    /// <inheritdoc />
    public void Upsert(string collection, EmbeddingModelIdentity model, IReadOnlyCollection<Guid> documentIds, IReadOnlyList<(string ChunkId, Guid DocumentId, float[] Tokens)> entries, CancellationToken cancellationToken) =>
        Upsert(collection, model, documentIds, [.. entries.Select(e => new ChunkVectors(e.ChunkId, e.DocumentId, e.Tokens, []))], cancellationToken);

    /// <inheritdoc />
    public void Upsert(string collection, EmbeddingModelIdentity model, IReadOnlyCollection<Guid> documentIds, IReadOnlyList<ChunkVectors> entries, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var quantized = entries.Select(e => QuantizedTokens.Quantize(e, model.Dimensions)).ToList();
        _stores.Write(collection, late =>
        {
            late.CheckModel(model, collection);
            late.Write(model, documentIds, quantized);
        });
    }

    /// <inheritdoc />
    public void Delete(string collection, IReadOnlyCollection<Guid> documentIds, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        _stores.Write(collection, late =>
        {
            if (late.Model is { } model && documentIds.Count > 0)
            {
                late.Write(model, documentIds, []);
            }
        });
    }

    /// <inheritdoc />
    public IReadOnlyDictionary<string, double> Score(string collection, EmbeddingModelIdentity model, float[] queryTokens, IReadOnlyCollection<string> chunkIds) =>
        _stores.Read(collection, late =>
        {
            late.CheckModel(model, collection);
            return late.Score(queryTokens, model.Dimensions, chunkIds);
        });

    /// <inheritdoc />
    public IReadOnlyDictionary<UInt128, float[]> FindSentences(
        string collection, EmbeddingModelIdentity model, IReadOnlyCollection<string> chunkIds, IReadOnlyCollection<Guid> documentIds, IReadOnlyCollection<UInt128> keys) =>
        // Vectors of another model would score on another scale: a store written by another model has none to offer.
        _stores.Read(collection, late => late.Model is { } stored && stored == model
            ? late.FindSentences(chunkIds, documentIds, keys)
            : new Dictionary<UInt128, float[]>());

    /// <inheritdoc />
    public IReadOnlyDictionary<Guid, int> GetChunkCounts(string collection) => _stores.Read(collection, late => late.ChunkCounts());

    /// <inheritdoc />
    public void DropCollection(string collection) => _stores.Drop(collection, Folder(collection));

    /// <inheritdoc />
    public void RenameCollection(string collection, string newName) => _stores.Rename(collection, newName, Folder(collection), Folder(newName));

    /// <inheritdoc />
    public void Dispose() => _stores.Dispose();

    /// <summary>The store as committed, or null while another process compacts it (its old segments are going).</summary>
    private LateCollection? CatchUp(string collection) =>
        File.Exists(Path.Combine(Folder(collection), LateCollection.CompactingFile)) ? null : LateCollection.Open(Folder(collection));

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
}
