using RagPlatform.Generation.Attention;
using RagPlatform.Generation.Checkpoints;
using DataType = Onnx.TensorProto.Types.DataType;

namespace RagPlatform.Generation.Building;

/// <summary>
/// Builds (or reuses) the ONNX decoder for a checkpoint, cached next to it in "onnx/" and named by attention
/// layout and precision; weights go to an external data file beside the graph.
/// </summary>
public static class ModelBuilder
{
    public const string CacheFolder = "onnx";

    public static BuiltModel BuildOrReuse(Checkpoint checkpoint, AttentionSettings attention, ModelPrecision precision)
    {
        attention.Validate();
        var dtype = precision == ModelPrecision.Float16 ? DataType.Float16 : DataType.Float;
        var folder = Path.Combine(checkpoint.Directory, CacheFolder);
        Directory.CreateDirectory(folder);
        var key = $"{attention.GraphKey(checkpoint.Config.NumLayers)}-{(precision == ModelPrecision.Float16 ? "fp16" : "fp32")}";
        var decoder = Path.Combine(folder, $"decoder-{key}.onnx");
        var landmarks = Path.Combine(folder, $"landmarks-{key}.onnx");
        var stamp = Path.Combine(folder, $"decoder-{key}.source");
        var source = SourceStamp(checkpoint.Directory);
        if (!File.Exists(decoder) || !File.Exists(stamp) || File.ReadAllText(stamp) != source)
        {
            var dataName = Path.GetFileName(decoder) + ".data";
            var tmpData = Path.Combine(folder, dataName + ".tmp");
            byte[] graph;
            using (var data = new FileStream(tmpData, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20))
            {
                graph = new DecoderGraphBuilder(checkpoint, attention, dtype).Build(data, dataName);
            }

            File.Move(tmpData, Path.Combine(folder, dataName), overwrite: true);
            File.WriteAllBytes(decoder + ".tmp", graph);
            File.Move(decoder + ".tmp", decoder, overwrite: true);
            File.WriteAllBytes(landmarks, new LandmarkGraphBuilder(checkpoint.Config, attention, dtype).Build());
            File.WriteAllText(stamp, source);
        }

        return new BuiltModel(decoder, landmarks, checkpoint.Config, attention, precision);
    }

    /// <summary>Names the weights a cached build came from (file names, sizes and times), so a changed checkpoint is rebuilt.</summary>
    private static string SourceStamp(string directory) => string.Join('\n',
        Directory.GetFiles(directory).Where(f => f.EndsWith(".safetensors", StringComparison.Ordinal) || f.EndsWith("config.json", StringComparison.Ordinal))
            .OrderBy(f => f, StringComparer.Ordinal)
            .Select(f => $"{Path.GetFileName(f)} {new FileInfo(f).Length} {File.GetLastWriteTimeUtc(f).Ticks}"));
}
