using System.Text.Json;

namespace RagPlatform.Generation.Checkpoints;

/// <summary>
/// A Hugging Face-style checkpoint folder: config.json, model.safetensors or shards listed in
/// model.safetensors.index.json, tokenizer.json and optionally generation_config.json.
/// </summary>
public sealed class Checkpoint : IDisposable
{
    private readonly List<SafetensorsFile> _files = [];
    private readonly Dictionary<string, (SafetensorsFile File, SafetensorsTensorInfo Info)> _tensors = new(StringComparer.Ordinal);

    private Checkpoint(string directory, ModelConfig config)
    {
        Directory = directory;
        Config = config;
    }

    public string Directory { get; }

    public ModelConfig Config { get; }

    public static Checkpoint Open(string directory)
    {
        var configPath = Path.Combine(directory, "config.json");
        if (!File.Exists(configPath))
        {
            throw new FileNotFoundException($"No config.json in checkpoint folder {directory}.", configPath);
        }

        var checkpoint = new Checkpoint(directory, ModelConfig.Load(configPath, Path.Combine(directory, "generation_config.json")));
        try
        {
            foreach (var path in ShardPaths(directory))
            {
                var file = new SafetensorsFile(path);
                checkpoint._files.Add(file);
                foreach (var (name, info) in file.Tensors)
                {
                    checkpoint._tensors[name] = (file, info);
                }
            }
        }
        catch
        {
            checkpoint.Dispose();
            throw;
        }

        return checkpoint;
    }

    public bool Has(string name) => _tensors.ContainsKey(name);

    /// <summary>Elements of every tensor in the checkpoint (a tied head counted once).</summary>
    public long ParameterCount => _tensors.Values.Sum(t => t.Info.Shape.Aggregate(1L, (a, b) => a * b));

    public SafetensorsTensorInfo Info(string name) => Find(name).Info;

    public float[] ReadFloats(string name)
    {
        var (file, info) = Find(name);
        return file.ReadFloats(info);
    }

    public void Dispose()
    {
        foreach (var file in _files)
        {
            file.Dispose();
        }
    }

    private (SafetensorsFile File, SafetensorsTensorInfo Info) Find(string name) =>
        _tensors.TryGetValue(name, out var entry)
            ? entry
            : throw new InvalidDataException($"Checkpoint {Directory} has no tensor '{name}'.");

    private static List<string> ShardPaths(string directory)
    {
        var index = Path.Combine(directory, "model.safetensors.index.json");
        if (File.Exists(index))
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(index));
            return doc.RootElement.GetProperty("weight_map").EnumerateObject()
                .Select(p => p.Value.GetString()!).Distinct(StringComparer.Ordinal)
                .Select(f => Path.Combine(directory, f)).ToList();
        }

        var files = System.IO.Directory.GetFiles(directory, "*.safetensors").OrderBy(f => f, StringComparer.Ordinal).ToList();
        return files.Count > 0 ? files : throw new FileNotFoundException($"No *.safetensors in checkpoint folder {directory}.");
    }
}
