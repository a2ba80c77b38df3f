using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using RagPlatform.Generation.Checkpoints;
using DataType = Onnx.TensorProto.Types.DataType;

namespace RagPlatform.Generation.Runtime;

/// <summary>
/// GroupQueryAttention's rotary tables: cos and sin [capacity, D/2] of position × inverse frequency (times the RoPE
/// variant's scale), computed once on the host in double precision and kept resident beside the KV cache.
/// </summary>
internal sealed class RotaryCache
{
    private readonly IntPtr _cos, _sin;
    private readonly long _bytes;
    private readonly int _half;
    private readonly DeviceMemory _memory;
    private readonly TensorElementType _type;

    public RotaryCache(DeviceMemory memory, SessionOptions options, ModelConfig config, int capacity, TensorElementType type)
    {
        _memory = memory;
        _type = type;
        _half = config.HeadDim / 2;
        Capacity = capacity;
        var elementSize = type == TensorElementType.Float ? 4 : 2;
        _bytes = (long)capacity * _half * elementSize;
        _cos = memory.Allocate(_bytes);
        _sin = memory.Allocate(_bytes);
        var inv = config.Rope.InverseFrequencies(config.HeadDim);
        double scale = config.Rope.CosSinScale;
        var cos = new float[capacity * _half];
        var sin = new float[capacity * _half];
        for (var p = 0; p < capacity; p++)
        {
            for (var i = 0; i < _half; i++)
            {
                var angle = (double)p * inv[i];
                cos[(p * _half) + i] = (float)(Math.Cos(angle) * scale);
                sin[(p * _half) + i] = (float)(Math.Sin(angle) * scale);
            }
        }

        var dtype = type == TensorElementType.Float ? DataType.Float : DataType.Float16;
        using var transfer = new DeviceTransfer(options, dtype, dtype);
        using var hostCos = Host(cos);
        using var hostSin = Host(sin);
        using var deviceCos = Cos();
        using var deviceSin = Sin();
        transfer.Copy([hostCos, hostSin], [deviceCos, deviceSin]);
    }

    public int Capacity { get; }

    public OrtValue Cos() => View(_cos);

    public OrtValue Sin() => View(_sin);

    private OrtValue View(IntPtr buffer) => OrtValue.CreateTensorValueWithData(_memory.Info, _type, [Capacity, _half], buffer, _bytes);

    private OrtValue Host(float[] values)
    {
        long[] shape = [Capacity, _half];
        if (_type == TensorElementType.Float)
        {
            return OrtValue.CreateTensorValueFromMemory(values, shape);
        }

        var halves = new Float16[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            halves[i] = (Float16)values[i];
        }

        return OrtValue.CreateTensorValueFromMemory(halves, shape);
    }
}
