using System.Text.Json;
using RagPlatform.Core.Embeddings;
using RagPlatform.Core.Errors;

namespace RagPlatform.Search.Late;

/// <summary>
/// One collection's token store: a log of segment files (seg-000001.bin, ...). Each commit appends one segment that
/// names the documents it replaces or deletes and carries their new chunks; opening replays the segments in order.
/// Past <see cref="CompactAfter"/> segments the whole store is rewritten as one.
/// </summary>
internal sealed class LateCollection
{
    /// <summary>The file a compaction writes before it removes the old segments; readers of other processes wait while it exists.</summary>
    public const string CompactingFile = "seg-compact.tmp";

    private const int CompactAfter = 32;
    private const string ManifestFile = "manifest.json";
    private const uint Magic = 0x52474C54; // "RGLT": token vectors only
    private const uint SentenceMagic = 0x52474C53; // "RGLS": token vectors, then each chunk's sentence vectors

    private readonly string _folder;
    private readonly Dictionary<Guid, List<QuantizedTokens>> _byDocument = [];
    private readonly Dictionary<string, QuantizedTokens> _byChunk = new(StringComparer.Ordinal);
    private int _segments;

    private LateCollection(string folder) => _folder = folder;

    public EmbeddingModelIdentity? Model { get; private set; }

    public long TokenCount { get; private set; }

    public static LateCollection Open(string folder)
    {
        var collection = new LateCollection(folder);
        var manifestPath = Path.Combine(folder, ManifestFile);
        if (!File.Exists(manifestPath))
        {
            return collection;
        }

        try
        {
            var manifest = JsonSerializer.Deserialize<LateManifest>(File.ReadAllText(manifestPath)) ?? throw new JsonException("empty manifest");
            if (manifest.Format != LateManifest.CurrentFormat)
            {
                throw new IndexUnavailableException($"The token store in '{folder}' has format {manifest.Format}; this build reads {LateManifest.CurrentFormat}. Re-index the collection.", false);
            }

            collection.Model = new EmbeddingModelIdentity(manifest.Model, manifest.ModelSha256, manifest.Dimensions);
            foreach (var segment in Directory.GetFiles(folder, "seg-*.bin").Order(StringComparer.Ordinal))
            {
                collection.Replay(segment, manifest.Dimensions);
                collection._segments++;
            }
        }
        catch (Exception e) when (e is JsonException or IOException or FormatException or ArgumentException)
        {
            throw new IndexUnavailableException($"The token store in '{folder}' is damaged ({e.Message}). Delete the folder and re-index the collection.", false, e);
        }

        return collection;
    }

    public void CheckModel(EmbeddingModelIdentity model, string collection)
    {
        if (Model is not null && Model != model)
        {
            throw new IndexUnavailableException(
                $"The token store of collection '{collection}' was written by {Model}; the configured model is {model}. Re-index the collection.", false);
        }
    }

    public void Write(EmbeddingModelIdentity model, IReadOnlyCollection<Guid> replaced, IReadOnlyList<QuantizedTokens> chunks)
    {
        Directory.CreateDirectory(_folder);
        if (Model is null)
        {
            Model = model;
            var manifest = new LateManifest(LateManifest.CurrentFormat, model.Name, model.Sha256, model.Dimensions);
            File.WriteAllText(Path.Combine(_folder, ManifestFile), JsonSerializer.Serialize(manifest));
        }

        Apply(replaced, chunks);
        if (_segments + 1 > CompactAfter)
        {
            var all = _byChunk.Values.ToList();
            WriteSegment(Path.Combine(_folder, CompactingFile), [], all);
            foreach (var old in Directory.GetFiles(_folder, "seg-*.bin"))
            {
                File.Delete(old);
            }

            File.Move(Path.Combine(_folder, CompactingFile), SegmentPath(1));
            _segments = 1;
            return;
        }

        var tmp = Path.Combine(_folder, "seg.tmp");
        WriteSegment(tmp, replaced, chunks);
        File.Move(tmp, SegmentPath(++_segments));
    }

    public IReadOnlyDictionary<string, double> Score(float[] query, int dims, IReadOnlyCollection<string> chunkIds)
    {
        var result = new Dictionary<string, double>(StringComparer.Ordinal);
        float[] buffer = [];
        foreach (var id in chunkIds)
        {
            if (_byChunk.TryGetValue(id, out var tokens))
            {
                if (buffer.Length < tokens.Values.Length)
                {
                    buffer = new float[tokens.Values.Length];
                }

                result[id] = tokens.MaxSim(query, dims, buffer);
            }
        }

        return result;
    }

    /// <summary>Stored sentence vectors of the wanted keys: the listed chunks first, then every chunk of the listed documents.</summary>
    public IReadOnlyDictionary<UInt128, float[]> FindSentences(IReadOnlyCollection<string> chunkIds, IReadOnlyCollection<Guid> documentIds, IReadOnlyCollection<UInt128> keys)
    {
        var wanted = keys.ToHashSet();
        var found = new Dictionary<UInt128, float[]>();
        void Look(QuantizedTokens chunk)
        {
            foreach (var sentence in chunk.Sentences)
            {
                if (wanted.Remove(sentence.Key))
                {
                    found[sentence.Key] = sentence.Vector;
                }
            }
        }

        foreach (var id in chunkIds)
        {
            if (wanted.Count > 0 && _byChunk.TryGetValue(id, out var chunk))
            {
                Look(chunk);
            }
        }

        foreach (var id in documentIds)
        {
            foreach (var chunk in wanted.Count > 0 && _byDocument.TryGetValue(id, out var list) ? list : [])
            {
                Look(chunk);
            }
        }

        return found;
    }

    public IReadOnlyDictionary<Guid, int> ChunkCounts() => _byDocument.ToDictionary(p => p.Key, p => p.Value.Count);

    private string SegmentPath(int number) => Path.Combine(_folder, $"seg-{number:D6}.bin");

    private void Apply(IReadOnlyCollection<Guid> replaced, IReadOnlyList<QuantizedTokens> chunks)
    {
        foreach (var id in replaced)
        {
            if (_byDocument.Remove(id, out var old))
            {
                foreach (var chunk in old)
                {
                    _byChunk.Remove(chunk.ChunkId);
                    TokenCount -= chunk.Scales.Length;
                }
            }
        }

        foreach (var chunk in chunks)
        {
            if (!_byDocument.TryGetValue(chunk.DocumentId, out var list))
            {
                _byDocument[chunk.DocumentId] = list = [];
            }

            list.Add(chunk);
            _byChunk[chunk.ChunkId] = chunk;
            TokenCount += chunk.Scales.Length;
        }
    }

    private static void WriteSegment(string path, IReadOnlyCollection<Guid> replaced, IReadOnlyList<QuantizedTokens> chunks)
    {
        using var writer = new BinaryWriter(File.Create(path));
        writer.Write(SentenceMagic);
        writer.Write(replaced.Count);
        foreach (var id in replaced)
        {
            writer.Write(id.ToByteArray());
        }

        writer.Write(chunks.Count);
        foreach (var chunk in chunks)
        {
            writer.Write(chunk.ChunkId);
            writer.Write(chunk.DocumentId.ToByteArray());
            writer.Write(chunk.Scales.Length);
            foreach (var scale in chunk.Scales)
            {
                writer.Write(scale);
            }

            writer.Write((byte[])(Array)chunk.Values);
            writer.Write(chunk.Sentences.Count);
            foreach (var sentence in chunk.Sentences)
            {
                writer.Write((ulong)(sentence.Key >> 64));
                writer.Write((ulong)sentence.Key);
                foreach (var x in sentence.Vector)
                {
                    writer.Write(x);
                }
            }
        }
    }

    private static SentenceVector[] ReadSentences(BinaryReader reader, int dims, string path)
    {
        var sentences = new SentenceVector[reader.ReadInt32()];
        for (var i = 0; i < sentences.Length; i++)
        {
            var high = reader.ReadUInt64();
            var low = reader.ReadUInt64();
            var bytes = reader.ReadBytes(dims * sizeof(float));
            if (bytes.Length != dims * sizeof(float))
            {
                throw new FormatException($"{Path.GetFileName(path)} is truncated");
            }

            var vector = new float[dims];
            Buffer.BlockCopy(bytes, 0, vector, 0, bytes.Length);
            sentences[i] = new SentenceVector(new UInt128(high, low), vector);
        }

        return sentences;
    }

    private void Replay(string path, int dims)
    {
        using var reader = new BinaryReader(File.OpenRead(path));
        var magic = reader.ReadUInt32();
        if (magic is not Magic and not SentenceMagic)
        {
            throw new FormatException($"{Path.GetFileName(path)} is not a token segment");
        }

        var replaced = new Guid[reader.ReadInt32()];
        for (var i = 0; i < replaced.Length; i++)
        {
            replaced[i] = new Guid(reader.ReadBytes(16));
        }

        var chunks = new List<QuantizedTokens>();
        var count = reader.ReadInt32();
        for (var i = 0; i < count; i++)
        {
            var chunkId = reader.ReadString();
            var documentId = new Guid(reader.ReadBytes(16));
            var scales = new float[reader.ReadInt32()];
            for (var t = 0; t < scales.Length; t++)
            {
                scales[t] = reader.ReadSingle();
            }

            var bytes = reader.ReadBytes(scales.Length * dims);
            if (bytes.Length != scales.Length * dims)
            {
                throw new FormatException($"{Path.GetFileName(path)} is truncated");
            }

            chunks.Add(new QuantizedTokens(chunkId, documentId, (sbyte[])(Array)bytes, scales) { Sentences = magic == SentenceMagic ? ReadSentences(reader, dims, path) : [] });
        }

        Apply(replaced, chunks);
    }
}
