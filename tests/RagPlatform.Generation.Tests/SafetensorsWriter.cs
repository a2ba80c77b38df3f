using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace RagPlatform.Generation.Tests;

/// <summary>Writes float32 tensors in the safetensors layout (8-byte header length, JSON header, data).</summary>
internal static class SafetensorsWriter
{
    public static void Write(string path, IReadOnlyDictionary<string, (long[] Shape, float[] Data)> tensors)
    {
        var header = new Dictionary<string, object>();
        long offset = 0;
        foreach (var (name, (shape, data)) in tensors)
        {
            var bytes = data.Length * 4L;
            header[name] = new Dictionary<string, object> { ["dtype"] = "F32", ["shape"] = shape, ["data_offsets"] = new[] { offset, offset + bytes } };
            offset += bytes;
        }

        var json = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(header));
        var padded = (json.Length + 7) / 8 * 8;
        using var stream = File.Create(path);
        stream.Write(BitConverter.GetBytes((long)padded));
        stream.Write(json);
        stream.Write(Enumerable.Repeat((byte)' ', padded - json.Length).ToArray());
        foreach (var (_, (_, data)) in tensors)
        {
            stream.Write(MemoryMarshal.AsBytes(data.AsSpan()));
        }
    }
}
