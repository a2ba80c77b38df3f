using Microsoft.Extensions.Options;
using RagPlatform.Core.Embeddings;
using RagPlatform.Core.Storage;
using RagPlatform.Search.Stores;

namespace RagPlatform.Search.Dense;

/// <summary>
/// The <see cref="IVectorIndex"/> on USearch: one HNSW index (cosine, f32) per collection under
/// {IndexDirectory(collection)}/dense, loaded once and kept in memory; writes are serialized per collection and
/// commit to disk before they return. Every instance follows the commits of other processes (a <c>ragp worker</c>
/// beside the server) by the rule of <see cref="CollectionStores{TStore}"/>: at most once a second it compares the
/// manifest's stamp and, when it changed, reopens the committed snapshot in place under the write lock, keeping the
/// old one if the new cannot be read yet.
/// </summary>
public sealed class UsearchVectorIndex : IVectorIndex, IDisposable
{
    private readonly IOptions<StorageOptions> _storage;
    private readonly DenseOptions _options;
    private readonly CollectionStores<DenseCollection> _stores;
    private readonly string _folderName;

    /// <summary>Creates the index service; <paramref name="time"/> paces the look for other processes' commits (default: the system clock).</summary>
    /// <param name="storage">Where collections live.</param>
    /// <param name="options">HNSW settings.</param>
    /// <param name="time">The clock of the refresh checks.</param>
    /// <param name="folderName">The folder under each collection's index directory: "dense", or another name for a second instance (a second encoder's vectors).</param>
    public UsearchVectorIndex(IOptions<StorageOptions> storage, IOptions<DenseOptions> options, TimeProvider? time = null, string folderName = "dense")
    {
        _storage = storage;
        _folderName = folderName;
        _options = options.Value;
        _stores = new CollectionStores<DenseCollection>(
            c => DenseCollection.Open(Folder(c), _options), Stamp, (c, _) => DenseCollection.Open(Folder(c), _options), time ?? TimeProvider.System);
    }

    /// <summary>The folder of a collection's dense index.</summary>
    public string Folder(string collection) => Path.Combine(_storage.Value.IndexDirectory(collection), _folderName);

    /// <inheritdoc />
    public void Upsert(string collection, EmbeddingModelIdentity model, IReadOnlyCollection<Guid> documentIds, IReadOnlyList<VectorEntry> entries, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        _stores.Write(collection, dense =>
        {
            dense.CheckModel(model, collection);
            dense.Upsert(model, documentIds, entries, _options);
        });
    }

    /// <inheritdoc />
    public void Delete(string collection, IReadOnlyCollection<Guid> documentIds, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        _stores.Write(collection, dense => dense.Delete(documentIds));
    }

    /// <inheritdoc />
    public IReadOnlyList<VectorMatch> Search(string collection, EmbeddingModelIdentity model, ReadOnlySpan<float> query, int top)
    {
        var vector = query.ToArray();
        return _stores.Read(collection, dense =>
        {
            dense.CheckModel(model, collection);
            return dense.Search(vector, top, _options.ExpansionSearch);
        });
    }

    /// <inheritdoc />
    public IReadOnlyDictionary<string, double> Score(string collection, EmbeddingModelIdentity model, ReadOnlySpan<float> query, IReadOnlyCollection<string> chunkIds)
    {
        ArgumentNullException.ThrowIfNull(chunkIds);
        var vector = query.ToArray();
        return _stores.Read(collection, dense =>
        {
            dense.CheckModel(model, collection);
            return (IReadOnlyDictionary<string, double>)dense.Score(vector, chunkIds);
        });
    }

    /// <summary>Vectors in the collection's index.</summary>
    public int Count(string collection) => _stores.Read(collection, dense => dense.Count);

    /// <inheritdoc />
    public IReadOnlyDictionary<Guid, int> GetChunkCounts(string collection) => _stores.Read(collection, dense => dense.ChunkCounts());

    /// <inheritdoc />
    public void DropCollection(string collection) => _stores.Drop(collection, Folder(collection));

    /// <inheritdoc />
    public void RenameCollection(string collection, string newName) => _stores.Rename(collection, newName, Folder(collection), Folder(newName));

    /// <inheritdoc />
    public void Dispose() => _stores.Dispose();

    /// <summary>The manifest's write time and length: a commit renames a new manifest into place last.</summary>
    private string Stamp(string collection)
    {
        var manifest = new FileInfo(Path.Combine(Folder(collection), "manifest.json"));
        return manifest.Exists ? $"{manifest.LastWriteTimeUtc.Ticks}:{manifest.Length}" : string.Empty;
    }
}
