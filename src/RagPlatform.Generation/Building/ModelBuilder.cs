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

    /// <remarks>int8Weights: every projection (QKV, output, gate-up, down, head) on blockwise int8 weights (MatMulNBits).</remarks>
    public static BuiltModel BuildOrReuse(Checkpoint checkpoint, AttentionSettings attention, ModelPrecision precision, bool int8Weights = false)
    {
        attention.Validate();
        var dtype = precision == ModelPrecision.Float16 ? DataType.Float16 : DataType.Float;
        var folder = Path.Combine(checkpoint.Directory, CacheFolder);
        Directory.CreateDirectory(folder);
        // g4: GroupQueryAttention layout (head-major per-layer cache), window ring and hsa step graphs; older cached builds are not reused.
        var key = $"g4-{attention.GraphKey(checkpoint.Config.NumLayers)}-{(precision == ModelPrecision.Float16 ? "fp16" : "fp32")}{(int8Weights ? "-w8" : "")}";
        var decoder = Path.Combine(folder, $"decoder-{key}.onnx");
        var stepped = Enumerable.Range(0, checkpoint.Config.NumLayers).All(l => attention.KindOf(l) != AttentionKind.Dsa);
        var step = stepped ? Path.Combine(folder, $"step-{key}.onnx") : null;
        var landmarks = Path.Combine(folder, $"landmarks-{key}.onnx");
        var stamp = Path.Combine(folder, $"decoder-{key}.source");
        var source = SourceStamp(checkpoint.Directory);
        if (!File.Exists(decoder) || (step is not null && !File.Exists(step)) || !File.Exists(stamp) || File.ReadAllText(stamp) != source)
        {
            var dataName = Path.GetFileName(decoder) + ".data";
            var tmpData = Path.Combine(folder, dataName + ".tmp");
            byte[] graph;
            byte[]? stepGraph = null;
            using (var data = new FileStream(tmpData, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20))
            {
                var written = new Dictionary<string, Onnx.TensorProto>(StringComparer.Ordinal);
                graph = new DecoderGraphBuilder(checkpoint, attention, dtype, int8Weights: int8Weights).Build(data, dataName, written);
                if (step is not null)
                {
                    // the one-token decode graph shares the weights file: nothing is written twice
                    stepGraph = new DecoderGraphBuilder(checkpoint, attention, dtype, singleToken: true, int8Weights: int8Weights).Build(data, dataName, written);
                }
            }

            File.Move(tmpData, Path.Combine(folder, dataName), overwrite: true);
            File.WriteAllBytes(decoder + ".tmp", graph);
            File.Move(decoder + ".tmp", decoder, overwrite: true);
            if (step is not null)
            {
                File.WriteAllBytes(step, stepGraph!);
            }

            File.WriteAllBytes(landmarks, new LandmarkGraphBuilder(checkpoint.Config, attention, dtype).Build());
            File.WriteAllText(stamp, source);
        }

        return new BuiltModel(decoder, landmarks, checkpoint.Config, attention, precision) { StepPath = step, Int8Weights = int8Weights };
    }

    /// <summary>Names the weights a cached build came from (file names, sizes and times), so a changed checkpoint is rebuilt.</summary>
    private static string SourceStamp(string directory) => string.Join('\n',
        Directory.GetFiles(directory).Where(f => f.EndsWith(".safetensors", StringComparison.Ordinal) || f.EndsWith("config.json", StringComparison.Ordinal))
            .OrderBy(f => f, StringComparer.Ordinal)
            .Select(f => $"{Path.GetFileName(f)} {new FileInfo(f).Length} {File.GetLastWriteTimeUtc(f).Ticks}"));
}
