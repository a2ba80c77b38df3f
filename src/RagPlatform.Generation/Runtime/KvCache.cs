using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using RagPlatform.Generation.Attention;
using RagPlatform.Generation.Checkpoints;

namespace RagPlatform.Generation.Runtime;

/// <summary>
/// The resident KV cache: per layer and KV head a time-major [capacity, D] buffer for keys and one for values,
/// plus landmark buffers for hsa layers. Views are handed to ONNX Runtime as OrtValues over the same memory.
/// </summary>
internal sealed class KvCache
{
    private readonly DeviceMemory _memory;
    private readonly IntPtr[,] _keys, _values;
    private readonly IntPtr[,]? _landmarks, _landmarkExt;
    private readonly int _headDim, _elementSize;
    private readonly TensorElementType _type;

    public KvCache(DeviceMemory memory, ModelConfig config, AttentionSettings attention, int capacity, TensorElementType type)
    {
        _memory = memory;
        _headDim = config.HeadDim;
        _type = type;
        _elementSize = type == TensorElementType.Float ? 4 : 2;
        Capacity = capacity;
        _keys = new IntPtr[config.NumLayers, config.NumKvHeads];
        _values = new IntPtr[config.NumLayers, config.NumKvHeads];
        var rowBytes = (long)_headDim * _elementSize;
        var hasHsa = Enumerable.Range(0, config.NumLayers).Any(l => attention.KindOf(l) == AttentionKind.Hsa);
        var maxChunks = Math.Max(1, capacity / attention.ChunkSize + 1);
        if (hasHsa)
        {
            _landmarks = new IntPtr[config.NumLayers, config.NumKvHeads];
            _landmarkExt = attention.Quest ? new IntPtr[config.NumLayers, config.NumKvHeads] : null;
        }

        for (var l = 0; l < config.NumLayers; l++)
        {
            for (var h = 0; h < config.NumKvHeads; h++)
            {
                _keys[l, h] = memory.Allocate(capacity * rowBytes);
                _values[l, h] = memory.Allocate(capacity * rowBytes);
                if (_landmarks is not null && attention.KindOf(l) == AttentionKind.Hsa)
                {
                    _landmarks[l, h] = memory.Allocate(maxChunks * rowBytes);
                    if (_landmarkExt is not null)
                    {
                        _landmarkExt[l, h] = memory.Allocate(maxChunks * rowBytes);
                    }
                }
            }
        }
    }

    public int Capacity { get; }

    /// <summary>Tokens cached so far.</summary>
    public int Length { get; set; }

    /// <summary>Chunks whose landmarks are computed.</summary>
    public int LandmarkChunks { get; set; }

    public OrtValue Keys(int layer, int head, int start, int rows) => View(_keys[layer, head], start, rows);

    public OrtValue Values(int layer, int head, int start, int rows) => View(_values[layer, head], start, rows);

    public OrtValue Landmarks(int layer, int head, int start, int rows) => View(_landmarks![layer, head], start, rows);

    public OrtValue LandmarkExt(int layer, int head, int start, int rows) => View(_landmarkExt![layer, head], start, rows);

    private OrtValue View(IntPtr buffer, int start, int rows)
    {
        var rowBytes = (long)_headDim * _elementSize;
        return OrtValue.CreateTensorValueWithData(_memory.Info, _type, [rows, _headDim], buffer + (nint)(start * rowBytes), rows * rowBytes);
    }
}
