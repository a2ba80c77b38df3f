using Google.Protobuf;
using Onnx;
using DataType = Onnx.TensorProto.Types.DataType;

namespace RagPlatform.Generation.Building;

/// <summary>
/// A small writer of ONNX graphs: nodes with fresh output names, constants, graph inputs and outputs, and
/// initializers that large weights put in an external data file (ONNX protobuf cannot exceed 2 GiB).
/// </summary>
internal sealed class OnnxGraph
{
    private const long ExternalThreshold = 1024;
    private readonly GraphProto _graph = new() { Name = "decoder" };
    private readonly Stream? _external;
    private readonly string? _externalName;
    private readonly Dictionary<string, TensorProto> _written;
    private int _counter;

    /// <remarks>written: Weights already in the external file (shared by graphs built over one data file): reused, not written again.</remarks>
    public OnnxGraph(Stream? external = null, string? externalName = null, Dictionary<string, TensorProto>? written = null)
    {
        _external = external;
        _externalName = externalName;
        _written = written ?? new Dictionary<string, TensorProto>(StringComparer.Ordinal);
    }

    /// <summary>Adds a node; returns its outputs (fresh names unless given).</summary>
    public string[] Op(string opType, string[] inputs, int outputs = 1, IEnumerable<AttributeProto>? attributes = null, string domain = "", string[]? outputNames = null)
    {
        var node = new NodeProto { OpType = opType, Name = $"{opType}_{_counter}", Domain = domain };
        node.Input.AddRange(inputs);
        var names = outputNames ?? Enumerable.Range(0, outputs).Select(i => $"t{_counter}_{i}").ToArray();
        _counter++;
        node.Output.AddRange(names);
        if (attributes is not null)
        {
            node.Attribute.AddRange(attributes);
        }

        _graph.Node.Add(node);
        return names;
    }

    public string Op1(string opType, params string[] inputs) => Op(opType, inputs)[0];

    public string Op1(string opType, string[] inputs, params AttributeProto[] attributes) => Op(opType, inputs, 1, attributes)[0];

    public static AttributeProto Int(string name, long value) => new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };

    public static AttributeProto Float(string name, float value) => new() { Name = name, Type = AttributeProto.Types.AttributeType.Float, F = value };

    public static AttributeProto Ints(string name, params long[] values)
    {
        var a = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        a.Ints.AddRange(values);
        return a;
    }

    public string ConstInts(params long[] values)
    {
        var name = $"c{_counter++}";
        var t = new TensorProto { Name = name, DataType = (int)DataType.Int64 };
        t.Dims.Add(values.Length);
        t.Int64Data.AddRange(values);
        _graph.Initializer.Add(t);
        return name;
    }

    public string ConstScalarInt(long value)
    {
        var name = $"c{_counter++}";
        var t = new TensorProto { Name = name, DataType = (int)DataType.Int64 };
        t.Int64Data.Add(value);
        _graph.Initializer.Add(t);
        return name;
    }

    /// <summary>An int32 scalar initializer (GroupQueryAttention's total_sequence_length is one, read on the host).</summary>
    public string ConstScalarInt32(int value)
    {
        var name = $"c{_counter++}";
        var t = new TensorProto { Name = name, DataType = (int)DataType.Int32 };
        t.Int32Data.Add(value);
        _graph.Initializer.Add(t);
        return name;
    }

    public string ConstFloats(long[] dims, float[] values)
    {
        var name = $"c{_counter++}";
        var t = new TensorProto { Name = name, DataType = (int)DataType.Float };
        t.Dims.AddRange(dims);
        t.FloatData.AddRange(values);
        _graph.Initializer.Add(t);
        return name;
    }

    /// <summary>Adds a weight initializer of the given element type from float32 values.</summary>
    public string Weight(string name, long[] dims, float[] values, DataType type) => Weight(name, dims, () => values, type);

    /// <summary>Adds a weight initializer; the reader is read only when the weight is not yet in the shared file.</summary>
    public string Weight(string name, long[] dims, Func<float[]> read, DataType type)
    {
        if (_written.TryGetValue(name, out var existing))
        {
            _graph.Initializer.Add(existing.Clone());
            return name;
        }

        var values = read();
        var bytes = type switch
        {
            DataType.Float => System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()).ToArray(),
            DataType.Float16 => ToHalfBytes(values),
            _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Weights are float32 or float16."),
        };
        return AddWeight(name, dims, type, bytes);
    }

    /// <summary>Adds a weight initializer of raw little-endian bytes (quantized weights); the reader runs only when the weight is new.</summary>
    public string WeightBytes(string name, long[] dims, DataType type, Func<byte[]> read)
    {
        if (_written.TryGetValue(name, out var existing))
        {
            _graph.Initializer.Add(existing.Clone());
            return name;
        }

        return AddWeight(name, dims, type, read());
    }

    private string AddWeight(string name, long[] dims, DataType type, byte[] bytes)
    {
        var t = new TensorProto { Name = name, DataType = (int)type };
        t.Dims.AddRange(dims);
        if (_external is not null && bytes.Length >= ExternalThreshold)
        {
            var padding = (64 - (_external.Position % 64)) % 64;
            _external.Write(new byte[padding]);
            var offset = _external.Position;
            _external.Write(bytes);
            t.DataLocation = TensorProto.Types.DataLocation.External;
            t.ExternalData.Add(new StringStringEntryProto { Key = "location", Value = _externalName });
            t.ExternalData.Add(new StringStringEntryProto { Key = "offset", Value = offset.ToString(System.Globalization.CultureInfo.InvariantCulture) });
            t.ExternalData.Add(new StringStringEntryProto { Key = "length", Value = bytes.Length.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        }
        else
        {
            t.RawData = ByteString.CopyFrom(bytes);
        }

        _written[name] = t;
        _graph.Initializer.Add(t);
        return name;
    }

    /// <summary>A graph input; null dims are symbolic (named by dimNames).</summary>
    public string Input(string name, DataType type, params string[] dims)
    {
        _graph.Input.Add(ValueInfo(name, type, dims));
        return name;
    }

    public void Output(string name, DataType type, params string[] dims) => _graph.Output.Add(ValueInfo(name, type, dims));

    /// <summary>A graph input or output of any rank (no shape declared).</summary>
    public void Unshaped(string name, DataType type, bool input)
    {
        var info = new ValueInfoProto { Name = name, Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)type } } };
        (input ? _graph.Input : _graph.Output).Add(info);
    }

    public byte[] ToModelBytes()
    {
        var model = new ModelProto { IrVersion = 8, ProducerName = "RagPlatform.Generation", Graph = _graph };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = 17 });
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "com.microsoft", Version = 1 });
        return model.ToByteArray();
    }

    private static ValueInfoProto ValueInfo(string name, DataType type, string[] dims)
    {
        var shape = new TensorShapeProto();
        foreach (var d in dims)
        {
            shape.Dim.Add(long.TryParse(d, out var v)
                ? new TensorShapeProto.Types.Dimension { DimValue = v }
                : new TensorShapeProto.Types.Dimension { DimParam = d });
        }

        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)type, Shape = shape } },
        };
    }

    private static byte[] ToHalfBytes(float[] values)
    {
        var bytes = new byte[values.Length * 2];
        var halves = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, Half>(bytes.AsSpan());
        for (var i = 0; i < values.Length; i++)
        {
            halves[i] = (Half)values[i];
        }

        return bytes;
    }
}
