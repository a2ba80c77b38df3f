using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using RagPlatform.Generation.Attention;
using RagPlatform.Generation.Checkpoints;

namespace RagPlatform.Generation.Runtime;

/// <summary>
/// The resident KV cache: per layer one head-major [kv heads, capacity, D] buffer for keys and one for values
/// (GroupQueryAttention's layout; a head's rows are contiguous, so window and hsa layers view [rows, D] of one
/// head), plus landmark buffers for hsa layers. Views are handed to ONNX Runtime as OrtValues over the same memory.
/// </summary>
internal sealed class KvCache
{
    private readonly DeviceMemory _memory;
    private readonly IntPtr[] _keys, _values;
    private readonly IntPtr[,]? _landmarks, _landmarkExt;
    private readonly IntPtr[]? _layerLandmarks, _layerLandmarkExt;
    private readonly int _maxChunks;
    private readonly int _headDim, _elementSize, _kvHeads;
    private readonly TensorElementType _type;

    private readonly IntPtr[]? _ringKeys, _ringValues;

    /// <remarks>rings: allocate for every window layer the step graph's ring of sinks + window slots (ADR 0016).</remarks>
    public KvCache(DeviceMemory memory, ModelConfig config, AttentionSettings attention, int capacity, TensorElementType type, bool rings = false)
    {
        _memory = memory;
        _headDim = config.HeadDim;
        _type = type;
        _elementSize = type == TensorElementType.Float ? 4 : 2;
        Capacity = capacity;
        _kvHeads = config.NumKvHeads;
        _keys = new IntPtr[config.NumLayers];
        _values = new IntPtr[config.NumLayers];
        var rowBytes = (long)_headDim * _elementSize;
        var hasHsa = Enumerable.Range(0, config.NumLayers).Any(l => attention.KindOf(l) == AttentionKind.Hsa);
        var maxChunks = Math.Max(1, capacity / attention.ChunkSize + 1);
        // per head, top-k spare slots beyond the capacity's chunks: never candidates, they let the step graph's TopK run at any capacity
        _maxChunks = maxChunks + attention.TopK;
        if (hasHsa)
        {
            _landmarks = new IntPtr[config.NumLayers, config.NumKvHeads];
            _landmarkExt = attention.Quest ? new IntPtr[config.NumLayers, config.NumKvHeads] : null;
            _layerLandmarks = new IntPtr[config.NumLayers];
            _layerLandmarkExt = attention.Quest ? new IntPtr[config.NumLayers] : null;
        }

        RingSlots = attention.RingSlots;
        if (rings && Enumerable.Range(0, config.NumLayers).Any(l => attention.KindOf(l) == AttentionKind.Window))
        {
            _ringKeys = new IntPtr[config.NumLayers];
            _ringValues = new IntPtr[config.NumLayers];
        }

        for (var l = 0; l < config.NumLayers; l++)
        {
            _keys[l] = memory.Allocate(_kvHeads * capacity * rowBytes);
            _values[l] = memory.Allocate(_kvHeads * capacity * rowBytes);
            if (_ringKeys is not null && attention.KindOf(l) == AttentionKind.Window)
            {
                _ringKeys[l] = memory.Allocate(_kvHeads * RingSlots * rowBytes);
                _ringValues![l] = memory.Allocate(_kvHeads * RingSlots * rowBytes);
            }

            if (_landmarks is null || attention.KindOf(l) != AttentionKind.Hsa)
            {
                continue;
            }

            // head-major per layer, [kv heads, chunks, D]: a head's landmarks are contiguous, the step graph scores all heads at once
            _layerLandmarks![l] = memory.Allocate(_kvHeads * _maxChunks * rowBytes);
            if (_layerLandmarkExt is not null)
            {
                _layerLandmarkExt[l] = memory.Allocate(_kvHeads * _maxChunks * rowBytes);
            }

            for (var h = 0; h < config.NumKvHeads; h++)
            {
                _landmarks[l, h] = _layerLandmarks[l] + (nint)(h * _maxChunks * rowBytes);
                if (_landmarkExt is not null)
                {
                    _landmarkExt[l, h] = _layerLandmarkExt![l] + (nint)(h * _maxChunks * rowBytes);
                }
            }
        }
    }

    public int Capacity { get; }

    /// <summary>Slots of a window layer's ring (sinks + window).</summary>
    public int RingSlots { get; }

    /// <summary>Whether window layers have rings (the step graph attends them).</summary>
    public bool HasRings => _ringKeys is not null;

    /// <summary>A window layer's whole ring as [1, kv heads, slots, D].</summary>
    public OrtValue LayerRingKeys(int layer) => RingView(_ringKeys![layer]);

    public OrtValue LayerRingValues(int layer) => RingView(_ringValues![layer]);

    /// <summary>Rows [slot, slot + rows) of one KV head of a window layer's ring.</summary>
    public OrtValue RingKeys(int layer, int head, int slot, int rows) => View(_ringKeys![layer], ((long)head * RingSlots) + slot, rows);

    public OrtValue RingValues(int layer, int head, int slot, int rows) => View(_ringValues![layer], ((long)head * RingSlots) + slot, rows);

    private OrtValue RingView(IntPtr buffer)
    {
        var bytes = (long)_kvHeads * RingSlots * _headDim * _elementSize;
        return OrtValue.CreateTensorValueWithData(_memory.Info, _type, [1, _kvHeads, RingSlots, _headDim], buffer, bytes);
    }

    /// <summary>Landmark rows per KV head of an hsa layer (the capacity's chunks plus top-k spare slots).</summary>
    public int LandmarkSlots => _maxChunks;

    /// <summary>Tokens cached so far.</summary>
    public int Length { get; set; }

    /// <summary>Chunks whose landmarks are computed.</summary>
    public int LandmarkChunks { get; set; }

    public OrtValue Keys(int layer, int head, int start, int rows) => View(_keys[layer], (head * Capacity) + start, rows);

    public OrtValue Values(int layer, int head, int start, int rows) => View(_values[layer], (head * Capacity) + start, rows);

    /// <summary>The whole key buffer of a layer as [1, kv heads, capacity, D] (GroupQueryAttention's past and present).</summary>
    public OrtValue LayerKeys(int layer) => LayerView(_keys[layer]);

    public OrtValue LayerValues(int layer) => LayerView(_values[layer]);

    private OrtValue LayerView(IntPtr buffer)
    {
        var bytes = (long)_kvHeads * Capacity * _headDim * _elementSize;
        return OrtValue.CreateTensorValueWithData(_memory.Info, _type, [1, _kvHeads, Capacity, _headDim], buffer, bytes);
    }

    /// <summary>An hsa layer's whole landmark buffer as [kv heads, chunks, D] (the step graph's input).</summary>
    public OrtValue LayerLandmarks(int layer) => LandmarkView(_layerLandmarks![layer]);

    public OrtValue LayerLandmarkExt(int layer) => LandmarkView(_layerLandmarkExt![layer]);

    private OrtValue LandmarkView(IntPtr buffer)
    {
        var bytes = (long)_kvHeads * _maxChunks * _headDim * _elementSize;
        return OrtValue.CreateTensorValueWithData(_memory.Info, _type, [_kvHeads, _maxChunks, _headDim], buffer, bytes);
    }

    public OrtValue Landmarks(int layer, int head, int start, int rows) => View(_landmarks![layer, head], start, rows);

    public OrtValue LandmarkExt(int layer, int head, int start, int rows) => View(_landmarkExt![layer, head], start, rows);

    private OrtValue View(IntPtr buffer, long start, int rows)
    {
        var rowBytes = (long)_headDim * _elementSize;
        return OrtValue.CreateTensorValueWithData(_memory.Info, _type, [rows, _headDim], buffer + (nint)(start * rowBytes), rows * rowBytes);
    }
}
