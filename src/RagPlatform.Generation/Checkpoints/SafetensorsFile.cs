using System.IO.MemoryMappedFiles;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace RagPlatform.Generation.Checkpoints;

/// <summary>
/// One memory-mapped .safetensors file: an 8-byte little-endian header length, a JSON header naming each tensor's
/// dtype, shape and byte range, then the raw data. Tensors are read straight from the mapping, never copied whole.
/// </summary>
public sealed unsafe class SafetensorsFile : IDisposable
{
    private readonly MemoryMappedFile _file;
    private readonly MemoryMappedViewAccessor _view;
    private readonly byte* _base;
    private readonly long _dataStart;
    private readonly long _length;
    private readonly Dictionary<string, SafetensorsTensorInfo> _tensors;

    public SafetensorsFile(string path)
    {
        _length = new FileInfo(path).Length;
        if (_length < 8)
        {
            throw new InvalidDataException($"{path} is too short to be a safetensors file.");
        }

        _file = MemoryMappedFile.CreateFromFile(path, FileMode.Open, null, 0, MemoryMappedFileAccess.Read);
        _view = _file.CreateViewAccessor(0, 0, MemoryMappedFileAccess.Read);
        byte* pointer = null;
        _view.SafeMemoryMappedViewHandle.AcquirePointer(ref pointer);
        _base = pointer + _view.PointerOffset;
        var headerLength = *(long*)_base;
        if (headerLength <= 0 || 8 + headerLength > _length)
        {
            Dispose();
            throw new InvalidDataException($"{path} has an invalid safetensors header length {headerLength}.");
        }

        _dataStart = 8 + headerLength;
        _tensors = ParseHeader(new ReadOnlySpan<byte>(_base + 8, checked((int)headerLength)), path);
    }

    public IReadOnlyDictionary<string, SafetensorsTensorInfo> Tensors => _tensors;

    /// <summary>The raw bytes of a tensor, straight from the mapping (valid while this file is open).</summary>
    public ReadOnlySpan<byte> GetBytes(SafetensorsTensorInfo info) =>
        new(_base + _dataStart + info.Begin, checked((int)(info.End - info.Begin)));

    public void Dispose()
    {
        _view.SafeMemoryMappedViewHandle.ReleasePointer();
        _view.Dispose();
        _file.Dispose();
    }

    private Dictionary<string, SafetensorsTensorInfo> ParseHeader(ReadOnlySpan<byte> json, string path)
    {
        using var doc = JsonDocument.Parse(json.ToArray());
        var result = new Dictionary<string, SafetensorsTensorInfo>(StringComparer.Ordinal);
        foreach (var property in doc.RootElement.EnumerateObject())
        {
            if (property.Name == "__metadata__")
            {
                continue;
            }

            var dtype = SafetensorsDType.Parse(property.Value.GetProperty("dtype").GetString() ?? "", property.Name);
            var shape = property.Value.GetProperty("shape").EnumerateArray().Select(e => e.GetInt64()).ToArray();
            var offsets = property.Value.GetProperty("data_offsets");
            var begin = offsets[0].GetInt64();
            var end = offsets[1].GetInt64();
            var elements = shape.Aggregate(1L, (a, b) => a * b);
            if (end - begin != elements * dtype.Size || _dataStart + end > _length)
            {
                throw new InvalidDataException($"{path}: tensor {property.Name} has inconsistent offsets.");
            }

            result[property.Name] = new SafetensorsTensorInfo(property.Name, dtype, shape, begin, end);
        }

        return result;
    }

    /// <summary>Copies a tensor as float32 (F32, F16 and BF16 are converted).</summary>
    public float[] ReadFloats(SafetensorsTensorInfo info)
    {
        var bytes = GetBytes(info);
        var result = new float[info.ElementCount];
        switch (info.DType.Name)
        {
            case "F32":
                MemoryMarshal.Cast<byte, float>(bytes).CopyTo(result);
                break;
            case "F16":
                var halves = MemoryMarshal.Cast<byte, Half>(bytes);
                for (var i = 0; i < result.Length; i++)
                {
                    result[i] = (float)halves[i];
                }

                break;
            case "BF16":
                var raw = MemoryMarshal.Cast<byte, ushort>(bytes);
                for (var i = 0; i < result.Length; i++)
                {
                    result[i] = BitConverter.Int32BitsToSingle(raw[i] << 16);
                }

                break;
            default:
                throw new InvalidDataException($"Tensor {info.Name} has dtype {info.DType.Name}; only F32, F16 and BF16 weights are supported.");
        }

        return result;
    }
}
