using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using RagPlatform.Generation.Building;
using DataType = Onnx.TensorProto.Types.DataType;

namespace RagPlatform.Generation.Runtime;

/// <summary>
/// One-token decode over fixed bindings: the static-shape step graph is bound once (token, length, rotary tables,
/// every layer's whole cache buffer as past and present, the logits), so every step runs the same kernels on the
/// same addresses and ONNX Runtime captures it as one CUDA graph (<c>enable_cuda_graph</c>) and replays it. Per step
/// the host writes the token and the length into their device buffers, replays, and reads the logits back.
/// On the CPU the same path runs without capture (tests check it against the dynamic graph).
/// </summary>
internal sealed class CudaGraphStep : IDisposable
{
    private readonly InferenceSession _session;
    private readonly OrtIoBinding _binding;
    private readonly RunOptions _run = new();
    private readonly DeviceTransfer _upload, _download;
    private readonly List<OrtValue> _bound = [];
    private readonly OrtValue _ids, _seqlens, _logits, _hostLogits;
    private readonly long[] _hostIds = new long[1];
    private readonly int[] _hostSeqlens = new int[1];
    private readonly OrtValue _hostIdsValue, _hostSeqlensValue;
    private readonly float[] _logitBuffer;

    /// <remarks>stepOptions configure the step session (on CUDA with enable_cuda_graph when capturing); options the transfers.</remarks>
    public CudaGraphStep(BuiltModel model, SessionOptions stepOptions, SessionOptions options, DeviceMemory memory, KvCache cache, RotaryCache rotary)
    {
        var config = model.Config;
        _session = new InferenceSession(model.StepPath!, stepOptions);
        _upload = new DeviceTransfer(options, DataType.Int64, DataType.Int32);
        _download = new DeviceTransfer(options, DataType.Float);
        _ids = Keep(OrtValue.CreateTensorValueWithData(memory.Info, TensorElementType.Int64, [1], memory.Allocate(8), 8));
        _seqlens = Keep(OrtValue.CreateTensorValueWithData(memory.Info, TensorElementType.Int32, [1], memory.Allocate(4), 4));
        var logitBytes = (long)config.VocabSize * 4;
        _logits = Keep(OrtValue.CreateTensorValueWithData(memory.Info, TensorElementType.Float, [1, config.VocabSize], memory.Allocate(logitBytes), logitBytes));
        _logitBuffer = new float[config.VocabSize];
        _hostLogits = OrtValue.CreateTensorValueFromMemory(_logitBuffer, [1, config.VocabSize]);
        _hostIdsValue = OrtValue.CreateTensorValueFromMemory(_hostIds, [1]);
        _hostSeqlensValue = OrtValue.CreateTensorValueFromMemory(_hostSeqlens, [1]);
        _binding = _session.CreateIoBinding();
        _binding.BindInput(DecoderIo.InputIds, _ids);
        _binding.BindInput(DecoderIo.SeqlensK, _seqlens);
        _binding.BindInput(DecoderIo.TotalSequenceLength, Keep(OrtValue.CreateTensorValueFromMemory(new[] { cache.Capacity }, [])));
        _binding.BindInput(DecoderIo.CosCache, Keep(rotary.Cos()));
        _binding.BindInput(DecoderIo.SinCache, Keep(rotary.Sin()));
        for (var l = 0; l < config.NumLayers; l++)
        {
            if (model.Attention.KindOf(l) == Attention.AttentionKind.Window)
            {
                // the ring is the input, the moved ring and the attended ring: one buffer, written in place
                _binding.BindInput(DecoderIo.RingKey(l), Keep(cache.LayerRingKeys(l)));
                _binding.BindInput(DecoderIo.RingValue(l), Keep(cache.LayerRingValues(l)));
                _binding.BindOutput(DecoderIo.RingKeyMoved(l), Keep(cache.LayerRingKeys(l)));
                _binding.BindOutput(DecoderIo.RingValueMoved(l), Keep(cache.LayerRingValues(l)));
                _binding.BindOutput(DecoderIo.RingKeyOut(l), Keep(cache.LayerRingKeys(l)));
                _binding.BindOutput(DecoderIo.RingValueOut(l), Keep(cache.LayerRingValues(l)));
                continue;
            }

            _binding.BindInput(DecoderIo.PastKey(l), Keep(cache.LayerKeys(l)));
            _binding.BindInput(DecoderIo.PastValue(l), Keep(cache.LayerValues(l)));
            _binding.BindOutput(DecoderIo.PresentKey(l), Keep(cache.LayerKeys(l)));
            _binding.BindOutput(DecoderIo.PresentValue(l), Keep(cache.LayerValues(l)));
            if (model.Attention.KindOf(l) == Attention.AttentionKind.Hsa)
            {
                _binding.BindInput(DecoderIo.LayerLandmarks(l), Keep(cache.LayerLandmarks(l)));
                if (model.Attention.Quest)
                {
                    _binding.BindInput(DecoderIo.LayerLandmarkExt(l), Keep(cache.LayerLandmarkExt(l)));
                }
            }
        }

        _binding.BindOutput(DecoderIo.Logits, _logits);
        var kinds = Enumerable.Range(0, config.NumLayers).Select(model.Attention.KindOf).ToList();
        if (kinds.Contains(Attention.AttentionKind.Hsa))
        {
            // fixed inputs of the hsa fragment, uploaded once: h * capacity per KV head and the landmark slot numbers
            var offsets = Enumerable.Range(0, config.NumKvHeads).Select(h => (long)h * cache.Capacity).ToArray();
            _binding.BindInput(DecoderIo.HeadOffsets, Keep(Upload(memory, options, offsets, [config.NumKvHeads, 1])));
            var slots = Enumerable.Range(0, cache.LandmarkSlots).Select(i => (long)i).ToArray();
            _binding.BindInput(DecoderIo.ChunkSlots, Keep(Upload(memory, options, slots, [slots.Length])));
        }

    }

    /// <summary>Decodes one token at position <paramref name="past"/> (the cache holds past rows) and returns the logits after it.</summary>
    public float[] Step(long token, int past)
    {
        _hostIds[0] = token;
        _hostSeqlens[0] = past; // seqlens_k is the total length minus one
        _upload.Copy([_hostIdsValue, _hostSeqlensValue], [_ids, _seqlens]);
        _session.RunWithBinding(_run, _binding);
        _download.Copy([_logits], [_hostLogits]);
        return (float[])_logitBuffer.Clone();
    }

    private static OrtValue Upload(DeviceMemory memory, SessionOptions options, long[] values, long[] shape)
    {
        var bytes = values.Length * 8L;
        var device = OrtValue.CreateTensorValueWithData(memory.Info, TensorElementType.Int64, shape, memory.Allocate(bytes), bytes);
        using var host = OrtValue.CreateTensorValueFromMemory(values, shape);
        using var transfer = new DeviceTransfer(options, DataType.Int64);
        transfer.Copy([host], [device]);
        return device;
    }

    private OrtValue Keep(OrtValue value)
    {
        _bound.Add(value);
        return value;
    }

    public void Dispose()
    {
        _binding.Dispose();
        _session.Dispose();
        _upload.Dispose();
        _download.Dispose();
        foreach (var v in _bound)
        {
            v.Dispose();
        }

        _hostLogits.Dispose();
        _hostIdsValue.Dispose();
        _hostSeqlensValue.Dispose();
        _run.Dispose();
    }
}
