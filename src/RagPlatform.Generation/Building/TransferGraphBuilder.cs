using DataType = Onnx.TensorProto.Types.DataType;

namespace RagPlatform.Generation.Building;

/// <summary>
/// A graph of Identity nodes, one per element type: ONNX Runtime's own copy between host and device memory (bind a
/// host tensor as input and a device tensor as output, or the reverse), so the runtime needs no CUDA library of its own.
/// </summary>
internal static class TransferGraphBuilder
{
    public static string InputName(int i) => $"in{i}";

    public static string OutputName(int i) => $"out{i}";

    public static byte[] Build(IReadOnlyList<DataType> types)
    {
        var g = new OnnxGraph();
        for (var i = 0; i < types.Count; i++)
        {
            g.Unshaped(InputName(i), types[i], input: true);
            g.Op("Identity", [InputName(i)], outputNames: [OutputName(i)]);
            g.Unshaped(OutputName(i), types[i], input: false);
        }

        return g.ToModelBytes();
    }
}
