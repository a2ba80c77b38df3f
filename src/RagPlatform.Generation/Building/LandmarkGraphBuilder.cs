using RagPlatform.Generation.Attention;
using RagPlatform.Generation.Checkpoints;
using static RagPlatform.Generation.Building.OnnxGraph;
using DataType = Onnx.TensorProto.Types.DataType;

namespace RagPlatform.Generation.Building;

/// <summary>
/// Writes the small graph that turns completed chunks of keys into landmarks: per hsa layer and KV head, the keys
/// [m * chunk, D] become m landmark rows (the mean; or the minimum and max - min for Quest). The runtime binds the
/// chunk rows of the resident cache as inputs and the landmark rows as outputs, so nothing leaves the device.
/// </summary>
internal sealed class LandmarkGraphBuilder(ModelConfig config, AttentionSettings attention, DataType dtype)
{
    public byte[] Build()
    {
        var g = new OnnxGraph();
        var d = config.HeadDim.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var shape = g.ConstInts(-1, attention.ChunkSize, config.HeadDim);
        for (var l = 0; l < config.NumLayers; l++)
        {
            if (attention.KindOf(l) != AttentionKind.Hsa)
            {
                continue;
            }

            for (var h = 0; h < config.NumKvHeads; h++)
            {
                var keys = g.Input(DecoderIo.ChunkKeys(l, h), dtype, "rows", d);
                var chunks = g.Op1("Reshape", keys, shape);
                if (attention.Quest)
                {
                    var min = g.Op("ReduceMin", [chunks], 1, [Ints("axes", 1), Int("keepdims", 0)], outputNames: [DecoderIo.Landmark(l, h)])[0];
                    var max = g.Op1("ReduceMax", [chunks], Ints("axes", 1), Int("keepdims", 0));
                    g.Op("Sub", [max, min], outputNames: [DecoderIo.LandmarkExt(l, h)]);
                    g.Output(DecoderIo.LandmarkExt(l, h), dtype, "m", d);
                }
                else
                {
                    g.Op("ReduceMean", [chunks], 1, [Ints("axes", 1), Int("keepdims", 0)], outputNames: [DecoderIo.Landmark(l, h)]);
                }

                g.Output(DecoderIo.Landmark(l, h), dtype, "m", d);
            }
        }

        return g.ToModelBytes();
    }
}
