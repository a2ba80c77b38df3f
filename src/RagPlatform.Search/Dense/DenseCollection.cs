using System.Text.Json;
using Cloud.Unum.USearch;
using RagPlatform.Core.Embeddings;
using RagPlatform.Core.Errors;

namespace RagPlatform.Search.Dense;

/// <summary>
/// One collection's HNSW index (vectors.usearch), its key map (keys.bin: USearch key -> chunk id, document id) and
/// manifest.json. A commit writes all three to temporary files and renames them, the manifest last; open checks that
/// they agree.
/// </summary>
internal sealed class DenseCollection : IDisposable
{
    private const string IndexFile = "vectors.usearch";
    private const string KeysFile = "keys.bin";
    private const string ManifestFile = "manifest.json";

    private readonly string _folder;
    private readonly Dictionary<ulong, (string ChunkId, Guid DocumentId)> _byKey = [];
    private readonly Dictionary<Guid, List<ulong>> _byDocument = [];
    private Dictionary<string, ulong>? _byChunk;
    private USearchIndex? _index;
    private ulong _nextKey;

    // USearch keeps one search context per hardware thread and fails ("Reserve capacity ahead of searches!") when
    // more searches than that run at once, as under 50 concurrent requests: the rest wait for a context.
    private readonly SemaphoreSlim _searches = new(Environment.ProcessorCount, Environment.ProcessorCount);

    private DenseCollection(string folder, USearchIndex? index, EmbeddingModelIdentity? model)
    {
        _folder = folder;
        _index = index;
        Model = model;
    }

    /// <summary>The model that wrote the vectors; null while the index is empty and new.</summary>
    public EmbeddingModelIdentity? Model { get; private set; }

    public int Count => _byKey.Count;

    public static DenseCollection Open(string folder, DenseOptions options)
    {
        var manifestPath = Path.Combine(folder, ManifestFile);
        if (!File.Exists(manifestPath))
        {
            return new DenseCollection(folder, null, null);
        }

        DenseManifest manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<DenseManifest>(File.ReadAllText(manifestPath))
                ?? throw new JsonException("empty manifest");
        }
        catch (JsonException e)
        {
            throw Corrupt(folder, $"its manifest cannot be read ({e.Message})", e);
        }

        if (manifest.Format != DenseManifest.CurrentFormat)
        {
            throw new IndexUnavailableException($"The dense index in '{folder}' has format {manifest.Format}; this build reads format {DenseManifest.CurrentFormat}. Re-index the collection.", false);
        }

        var model = new EmbeddingModelIdentity(manifest.Model, manifest.ModelSha256, manifest.Dimensions);
        USearchIndex index;
        try
        {
            index = new USearchIndex(Path.Combine(folder, IndexFile), false);
        }
        catch (Exception e) when (e is USearchException or IOException)
        {
            throw Corrupt(folder, $"{IndexFile} cannot be loaded ({e.Message})", e);
        }

        var collection = new DenseCollection(folder, index, model) { _nextKey = manifest.NextKey };
        try
        {
            collection.ReadKeys(Path.Combine(folder, KeysFile));
        }
        catch (Exception e) when (e is IOException or FormatException or ArgumentException)
        {
            index.Dispose();
            throw Corrupt(folder, $"{KeysFile} cannot be read ({e.Message})", e);
        }

        if ((long)index.Size() != manifest.Count || collection.Count != manifest.Count || (int)index.Dimensions() != manifest.Dimensions)
        {
            index.Dispose();
            throw Corrupt(folder, $"the manifest says {manifest.Count} vectors of {manifest.Dimensions} dims, the index holds {index.Size()} of {index.Dimensions()} and the key map {collection.Count}", null);
        }

        _ = options;
        return collection;
    }

    /// <summary>Refuses a model other than the one that wrote the index.</summary>
    public void CheckModel(EmbeddingModelIdentity model, string collection)
    {
        if (Model is not null && Model != model)
        {
            throw new IndexUnavailableException(
                $"The dense index of collection '{collection}' was written by {Model}; the configured model is {model}. " +
                "Configure the same model (Embedding:Model) or re-index the collection.", false);
        }
    }

    public void Upsert(EmbeddingModelIdentity model, IReadOnlyCollection<Guid> documentIds, IReadOnlyList<VectorEntry> entries, DenseOptions options)
    {
        if (_index is null)
        {
            _index = new USearchIndex(MetricKind.Cos, ScalarKind.Float32, (ulong)model.Dimensions, (ulong)options.Connectivity, (ulong)options.ExpansionAdd, (ulong)options.ExpansionSearch, false);
            Model = model;
        }

        RemoveDocuments(documentIds);
        _byChunk = null;
        foreach (var entry in entries)
        {
            if (entry.Vector.Length != model.Dimensions)
            {
                throw new InvalidOperationException($"A vector of {entry.Vector.Length} dims was given to an index of {model.Dimensions}.");
            }

            var key = _nextKey++;
            _index.Add(key, entry.Vector.ToArray());
            _byKey[key] = (entry.ChunkId, entry.DocumentId);
            if (!_byDocument.TryGetValue(entry.DocumentId, out var keys))
            {
                _byDocument[entry.DocumentId] = keys = [];
            }

            keys.Add(key);
        }

        Commit();
    }

    public void Delete(IReadOnlyCollection<Guid> documentIds)
    {
        if (_index is not null && RemoveDocuments(documentIds))
        {
            Commit();
        }
    }

    public IReadOnlyList<VectorMatch> Search(ReadOnlySpan<float> query, int top, int expansion)
    {
        if (_index is null || Count == 0)
        {
            return [];
        }

        var wanted = Math.Min(Math.Max(top, expansion), Count);
        ulong[] keys;
        float[] distances;
        int found;
        _searches.Wait();
        try
        {
            found = _index.Search(query.ToArray(), wanted, out keys, out distances);
        }
        finally
        {
            _searches.Release();
        }

        var result = new List<VectorMatch>(Math.Min(found, top));
        for (var i = 0; i < found && result.Count < top; i++)
        {
            if (_byKey.TryGetValue(keys[i], out var chunk))
            {
                result.Add(new VectorMatch(chunk.ChunkId, chunk.DocumentId, 1.0 - distances[i]));
            }
        }

        return result;
    }

    /// <summary>Exact cosine of the query with each listed chunk's vector (stored unit length, so a dot product).</summary>
    public Dictionary<string, double> Score(ReadOnlySpan<float> query, IReadOnlyCollection<string> chunkIds)
    {
        var scores = new Dictionary<string, double>(StringComparer.Ordinal);
        if (_index is null || Count == 0)
        {
            return scores;
        }

        // Built on the first exact score after a change; read under the caller's read lock, so two readers may both
        // build it: each builds a complete map and the last one wins.
        var byChunk = _byChunk ??= _byKey.ToDictionary(p => p.Value.ChunkId, p => p.Key, StringComparer.Ordinal);
        foreach (var chunkId in chunkIds)
        {
            if (byChunk.TryGetValue(chunkId, out var key) && _index.Get(key, out float[] vector) > 0)
            {
                scores[chunkId] = Dot(query, vector);
            }
        }

        return scores;
    }

    private static double Dot(ReadOnlySpan<float> a, float[] b)
    {
        var sum = 0.0;
        for (var i = 0; i < Math.Min(a.Length, b.Length); i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }

    public IReadOnlyDictionary<Guid, int> ChunkCounts() => _byDocument.ToDictionary(p => p.Key, p => p.Value.Count);

    public void Dispose()
    {
        _index?.Dispose();
        _searches.Dispose();
    }

    private bool RemoveDocuments(IReadOnlyCollection<Guid> documentIds)
    {
        var removed = false;
        foreach (var id in documentIds)
        {
            if (_byDocument.Remove(id, out var keys))
            {
                foreach (var key in keys)
                {
                    _index!.Remove(key);
                    _byKey.Remove(key);
                }

                removed = true;
                _byChunk = null;
            }
        }

        return removed;
    }

    private void Commit()
    {
        Directory.CreateDirectory(_folder);
        var indexTmp = Path.Combine(_folder, IndexFile + ".tmp");
        var keysTmp = Path.Combine(_folder, KeysFile + ".tmp");
        var manifestTmp = Path.Combine(_folder, ManifestFile + ".tmp");
        _index!.Save(indexTmp);
        WriteKeys(keysTmp);
        var manifest = new DenseManifest(DenseManifest.CurrentFormat, Model!.Name, Model.Sha256, Model.Dimensions, Count, _nextKey);
        File.WriteAllText(manifestTmp, JsonSerializer.Serialize(manifest));
        File.Move(indexTmp, Path.Combine(_folder, IndexFile), true);
        File.Move(keysTmp, Path.Combine(_folder, KeysFile), true);
        File.Move(manifestTmp, Path.Combine(_folder, ManifestFile), true);
    }

    private void WriteKeys(string path)
    {
        using var writer = new BinaryWriter(File.Create(path));
        writer.Write(_byKey.Count);
        foreach (var (key, chunk) in _byKey)
        {
            writer.Write(key);
            writer.Write(chunk.ChunkId);
            writer.Write(chunk.DocumentId.ToByteArray());
        }
    }

    private void ReadKeys(string path)
    {
        using var reader = new BinaryReader(File.OpenRead(path));
        var count = reader.ReadInt32();
        if (count < 0)
        {
            throw new FormatException("negative count");
        }

        for (var i = 0; i < count; i++)
        {
            var key = reader.ReadUInt64();
            var chunkId = reader.ReadString();
            var documentId = new Guid(reader.ReadBytes(16));
            _byKey[key] = (chunkId, documentId);
            if (!_byDocument.TryGetValue(documentId, out var keys))
            {
                _byDocument[documentId] = keys = [];
            }

            keys.Add(key);
        }
    }

    private static IndexUnavailableException Corrupt(string folder, string what, Exception? inner) =>
        new($"The dense index in '{folder}' is damaged: {what}. Delete the folder and re-index the collection.", false, inner);
}
