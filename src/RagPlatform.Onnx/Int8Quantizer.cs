using Google.Protobuf;
using Onnx;

namespace RagPlatform.Onnx;

/// <summary>
/// Dynamic int8 quantization of an ONNX encoder, done here so no Python tooling is needed: every MatMul whose second
/// input is a 2-D float initializer (the dense layers) becomes DynamicQuantizeLinear (activations to uint8, per tensor,
/// at run time) → MatMulInteger against the weights stored as int8 (symmetric, one scale per output column) → Cast →
/// Mul by the two scales. ONNX Runtime fuses that pattern into its DynamicQuantizeMatMul kernel. Embeddings, layer
/// norms and the attention products of two activations stay float.
/// </summary>
internal static class Int8Quantizer
{
    private const int FloatType = (int)TensorProto.Types.DataType.Float;
    private const int Int8Type = (int)TensorProto.Types.DataType.Int8;

    /// <summary>The quantized model's bytes, and how many MatMuls were quantized.</summary>
    public static (byte[] Model, int Quantized) Quantize(byte[] model)
    {
        var proto = ModelProto.Parser.ParseFrom(model);
        var graph = proto.Graph;
        var initializers = graph.Initializer.ToDictionary(t => t.Name, StringComparer.Ordinal);
        var nodes = new List<NodeProto>(graph.Node.Count);
        var replaced = new HashSet<string>(StringComparer.Ordinal);
        var quantized = 0;
        foreach (var node in graph.Node)
        {
            if (node.OpType != "MatMul" || node.Domain.Length != 0 || node.Input.Count != 2
                || !initializers.TryGetValue(node.Input[1], out var weight) || weight.DataType != FloatType || weight.Dims.Count != 2)
            {
                nodes.Add(node);
                continue;
            }

            var prefix = $"q8_{quantized}_";
            var rows = (int)weight.Dims[0];
            var columns = (int)weight.Dims[1];
            var (values, scales) = QuantizeColumns(ReadFloats(weight), rows, columns);
            graph.Initializer.Add(Tensor(prefix + "w", Int8Type, [rows, columns], ByteString.CopyFrom((byte[])(Array)values)));
            graph.Initializer.Add(Tensor(prefix + "w_scale", FloatType, [columns], ByteString.CopyFrom(ToBytes(scales))));
            graph.Initializer.Add(Tensor(prefix + "w_zero", Int8Type, [], ByteString.CopyFrom([0])));
            nodes.Add(Node("DynamicQuantizeLinear", [node.Input[0]], [prefix + "x", prefix + "x_scale", prefix + "x_zero"]));
            nodes.Add(Node("MatMulInteger", [prefix + "x", prefix + "w", prefix + "x_zero", prefix + "w_zero"], [prefix + "int"]));
            var cast = Node("Cast", [prefix + "int"], [prefix + "float"]);
            cast.Attribute.Add(new AttributeProto { Name = "to", Type = AttributeProto.Types.AttributeType.Int, I = FloatType });
            nodes.Add(cast);
            nodes.Add(Node("Mul", [prefix + "x_scale", prefix + "w_scale"], [prefix + "scale"]));
            nodes.Add(Node("Mul", [prefix + "float", prefix + "scale"], [.. node.Output]));
            replaced.Add(weight.Name);
            quantized++;
        }

        graph.Node.Clear();
        graph.Node.AddRange(nodes);
        // Drop the float weights nothing reads any more (a weight shared with another node stays).
        var read = nodes.SelectMany(n => n.Input).ToHashSet(StringComparer.Ordinal);
        foreach (var unused in graph.Initializer.Where(t => replaced.Contains(t.Name) && !read.Contains(t.Name)).ToList())
        {
            graph.Initializer.Remove(unused);
        }

        // DynamicQuantizeLinear needs opset 11 of the default domain.
        var opset = proto.OpsetImport.FirstOrDefault(o => o.Domain.Length == 0 || o.Domain == "ai.onnx");
        if (opset is null)
        {
            proto.OpsetImport.Add(new OperatorSetIdProto { Domain = string.Empty, Version = 11 });
        }
        else if (opset.Version < 11)
        {
            opset.Version = 11;
        }

        return (proto.ToByteArray(), quantized);
    }

    /// <summary>Symmetric per-column int8: column j is scaled by max|w[:, j]| / 127.</summary>
    internal static (sbyte[] Values, float[] Scales) QuantizeColumns(float[] weights, int rows, int columns)
    {
        var scales = new float[columns];
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                scales[c] = Math.Max(scales[c], Math.Abs(weights[(r * columns) + c]));
            }
        }

        for (var c = 0; c < columns; c++)
        {
            scales[c] = scales[c] > 0 ? scales[c] / 127f : 1f;
        }

        var values = new sbyte[weights.Length];
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                values[(r * columns) + c] = (sbyte)Math.Clamp(MathF.Round(weights[(r * columns) + c] / scales[c]), -127, 127);
            }
        }

        return (values, scales);
    }

    private static float[] ReadFloats(TensorProto tensor)
    {
        if (tensor.FloatData.Count > 0)
        {
            return [.. tensor.FloatData];
        }

        if (tensor.DataLocation == TensorProto.Types.DataLocation.External)
        {
            throw new NotSupportedException($"The weight '{tensor.Name}' is stored outside the model file; int8 quantization needs it inline.");
        }

        var bytes = tensor.RawData.Span;
        var floats = new float[bytes.Length / sizeof(float)];
        for (var i = 0; i < floats.Length; i++)
        {
            floats[i] = BitConverter.ToSingle(bytes.Slice(i * sizeof(float), sizeof(float)));
        }

        return floats;
    }

    private static byte[] ToBytes(float[] values)
    {
        var bytes = new byte[values.Length * sizeof(float)];
        Buffer.BlockCopy(values, 0, bytes, 0, bytes.Length);
        return bytes;
    }

    private static TensorProto Tensor(string name, int type, long[] dims, ByteString data)
    {
        var tensor = new TensorProto { Name = name, DataType = type, RawData = data };
        tensor.Dims.AddRange(dims);
        return tensor;
    }

    private static NodeProto Node(string op, string[] inputs, string[] outputs)
    {
        var node = new NodeProto { OpType = op, Name = outputs[0] + "_" + op };
        node.Input.AddRange(inputs);
        node.Output.AddRange(outputs);
        return node;
    }
}
