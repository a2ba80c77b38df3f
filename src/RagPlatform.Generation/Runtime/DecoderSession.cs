using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using RagPlatform.Core.Errors;
using RagPlatform.Generation.Attention;
using RagPlatform.Generation.Building;

namespace RagPlatform.Generation.Runtime;

/// <summary>
/// Runs the built decoder one block at a time over a resident KV cache (IOBinding: the cache prefix is bound as
/// past, the next rows as present, so each step writes only its own rows). Not thread-safe: one sequence at a time.
/// </summary>
public sealed class DecoderSession : IDisposable
{
    private readonly BuiltModel _model;
    private readonly InferenceSession _decoder;
    private readonly InferenceSession? _landmarks;
    private readonly DeviceMemory _memory;
    private readonly KvCache _cache;
    private readonly RunOptions _run = new();
    private readonly bool _hasWindow, _hasHsa, _hasDsa, _hasDense, _hasLegacy;
    private readonly RotaryCache? _rotary;
    private readonly CudaGraphStep? _step;
    private readonly DeviceTransfer? _ringCopy;
    private bool _ringCurrent = true; // the window layers' rings hold what the next step attends
    private int _fullFrom; // the window layers' full cache holds tokens [0, _fullFrom); later ones only their rings

    /// <remarks>fixedStep:
    /// Decode single tokens through the static one-token graph over fixed bindings (dense, window and hsa layers); on
    /// CUDA that graph is captured and replayed as a CUDA graph. Ignored when a layer is dsa.
    /// </remarks>
    public DecoderSession(BuiltModel model, ExecutionDevice device, int contextTokens, bool fixedStep = false)
    {
        _model = model;
        using var options = CreateOptions(device, cudaGraph: false);
        _decoder = new InferenceSession(model.DecoderPath, options);
        var kinds = Enumerable.Range(0, model.Config.NumLayers).Select(model.Attention.KindOf).ToList();
        _hasWindow = kinds.Contains(AttentionKind.Window);
        _hasHsa = kinds.Contains(AttentionKind.Hsa);
        _hasDense = kinds.Contains(AttentionKind.Dense);
        _hasDsa = kinds.Contains(AttentionKind.Dsa);
        _hasLegacy = _hasWindow || _hasHsa || _hasDsa;
        if (_hasHsa)
        {
            _landmarks = new InferenceSession(model.LandmarkPath, options);
        }

        _memory = new DeviceMemory(device, _decoder);
        var type = model.Precision == ModelPrecision.Float16 ? TensorElementType.Float16 : TensorElementType.Float;
        var stepGraph = fixedStep && model.StepPath is not null;
        _cache = new KvCache(_memory, model.Config, model.Attention, contextTokens, type, rings: stepGraph);
        if (_hasDense || stepGraph)
        {
            // the window ring's shifted tables read rows up to max(position, ring slots - 1)
            var rows = _cache.HasRings ? Math.Max(contextTokens, model.Attention.RingSlots) : contextTokens;
            _rotary = new RotaryCache(_memory, options, model.Config, rows, type);
        }

        if (_cache.HasRings)
        {
            var dtype = type == TensorElementType.Float ? Onnx.TensorProto.Types.DataType.Float : Onnx.TensorProto.Types.DataType.Float16;
            _ringCopy = new DeviceTransfer(options, dtype, dtype);
        }

        if (stepGraph)
        {
            using var stepOptions = CreateOptions(device, cudaGraph: device == ExecutionDevice.Cuda);
            _step = new CudaGraphStep(model, stepOptions, options, _memory, _cache, _rotary!);
        }

        Device = device;
    }

    /// <summary>Whether single-token steps run through the fixed-binding step graph (a CUDA graph on CUDA).</summary>
    public bool UsesFixedStep => _step is not null;

    public ExecutionDevice Device { get; }

    /// <summary>Tokens in the cache.</summary>
    public int Length => _cache.Length;

    public int Capacity => _cache.Capacity;

    /// <summary>Bytes held for the KV cache and landmarks.</summary>
    public long CacheBytes => _memory.BytesAllocated;

    /// <summary>Forgets the cached sequence (the buffers stay allocated).</summary>
    public void Reset()
    {
        _cache.Length = 0;
        _cache.LandmarkChunks = 0;
        _fullFrom = 0;
        _ringCurrent = true;
    }

    /// <summary>
    /// Benchmarks only: marks <paramref name="tokens"/> cache rows as filled without computing them (their contents
    /// are whatever the buffers hold) and builds their landmarks, so decode speed at a long context can be measured
    /// without the prefill. Decode cost does not depend on the cached values.
    /// </summary>
    public void FillSynthetic(int tokens)
    {
        if (tokens < 0 || tokens > _cache.Capacity)
        {
            throw new ContextBudgetExceededException(tokens, _cache.Capacity);
        }

        Reset();
        _cache.Length = tokens;
        _fullFrom = tokens;
        UpdateLandmarks();
    }

    /// <summary>Appends a block of tokens to the cache and returns the logits after its last token.</summary>
    public float[] Forward(ReadOnlySpan<long> tokens)
    {
        var n = tokens.Length;
        var past = _cache.Length;
        if (n == 0)
        {
            throw new ArgumentException("A decoder step needs at least one token.", nameof(tokens));
        }

        if (past + n > _cache.Capacity)
        {
            throw new ContextBudgetExceededException(past + n, _cache.Capacity);
        }

        if (n == 1 && _step is not null)
        {
            if (!_ringCurrent)
            {
                FillRings();
            }

            var stepLogits = _step.Step(tokens[0], past);
            _cache.Length = past + 1;
            UpdateLandmarks();
            return stepLogits;
        }

        if (_cache.HasRings && _fullFrom < past)
        {
            SyncFullCache();
        }

        var config = _model.Config;
        // the host-side plan (masks are O(n^2)) is only needed by window and hsa layers; dense layers need the lengths alone
        var plan = _hasLegacy ? StepPlan.Create(past, n, _model.Attention) : null;
        var logits = new float[config.VocabSize];
        var owned = new List<OrtValue>();
        using var binding = _decoder.CreateIoBinding();
        OrtValue Track(OrtValue v)
        {
            owned.Add(v);
            return v;
        }

        try
        {
            binding.BindInput(DecoderIo.InputIds, Track(OrtValue.CreateTensorValueFromMemory(tokens.ToArray(), [n])));
            if (_hasDense)
            {
                binding.BindInput(DecoderIo.SeqlensK, Track(OrtValue.CreateTensorValueFromMemory(new[] { past + n - 1 }, [1])));
                binding.BindInput(DecoderIo.TotalSequenceLength, Track(OrtValue.CreateTensorValueFromMemory(new[] { _cache.Capacity }, [])));
                binding.BindInput(DecoderIo.CosCache, Track(_rotary!.Cos()));
                binding.BindInput(DecoderIo.SinCache, Track(_rotary.Sin()));
            }

            if (_hasLegacy)
            {
                binding.BindInput(DecoderIo.Positions, Track(OrtValue.CreateTensorValueFromMemory(plan!.Positions, [n])));
                binding.BindInput(DecoderIo.BiasCausal, Track(OrtValue.CreateTensorValueFromMemory(plan!.Causal, [n, n])));
            }

            if (_hasWindow)
            {
                binding.BindInput(DecoderIo.WindowIdx, Track(OrtValue.CreateTensorValueFromMemory(plan!.WindowRows, [plan!.WindowRows.Length])));
                binding.BindInput(DecoderIo.BiasWindowPast, Track(OrtValue.CreateTensorValueFromMemory(plan!.WindowPastMask, [n, plan!.WindowRows.Length])));
                binding.BindInput(DecoderIo.BiasWindowNew, Track(OrtValue.CreateTensorValueFromMemory(plan!.WindowNewMask, [n, n])));
            }

            if (_hasHsa)
            {
                binding.BindInput(DecoderIo.HsaSinkIdx, Track(OrtValue.CreateTensorValueFromMemory(plan!.HsaSinkRows, [plan!.HsaSinkRows.Length])));
                binding.BindInput(DecoderIo.HsaLocalIdx, Track(OrtValue.CreateTensorValueFromMemory(plan!.HsaLocalRows, [plan!.HsaLocalRows.Length])));
                binding.BindInput(DecoderIo.HsaK, Track(OrtValue.CreateTensorValueFromMemory(new long[] { plan!.HsaTopK }, [1])));
            }

            if (_hasDsa)
            {
                binding.BindInput(DecoderIo.DsaSinkIdx, Track(OrtValue.CreateTensorValueFromMemory(plan!.HsaSinkRows, [plan.HsaSinkRows.Length])));
                binding.BindInput(DecoderIo.DsaLocalIdx, Track(OrtValue.CreateTensorValueFromMemory(plan.DsaLocalRows, [plan.DsaLocalRows.Length])));
                binding.BindInput(DecoderIo.DsaStart, Track(OrtValue.CreateTensorValueFromMemory(new[] { plan.DsaCandidateStart }, [1])));
                binding.BindInput(DecoderIo.DsaEnd, Track(OrtValue.CreateTensorValueFromMemory(new[] { plan.DsaCandidateEnd }, [1])));
                binding.BindInput(DecoderIo.DsaK, Track(OrtValue.CreateTensorValueFromMemory(new long[] { plan.DsaTopK }, [1])));
            }

            for (var l = 0; l < config.NumLayers; l++)
            {
                if (_model.Attention.KindOf(l) == AttentionKind.Dense)
                {
                    binding.BindInput(DecoderIo.PastKey(l), Track(_cache.LayerKeys(l)));
                    binding.BindInput(DecoderIo.PastValue(l), Track(_cache.LayerValues(l)));
                    binding.BindOutput(DecoderIo.PresentKey(l), Track(_cache.LayerKeys(l)));
                    binding.BindOutput(DecoderIo.PresentValue(l), Track(_cache.LayerValues(l)));
                    continue;
                }

                var hsa = _model.Attention.KindOf(l) == AttentionKind.Hsa;
                for (var h = 0; h < config.NumKvHeads; h++)
                {
                    binding.BindInput(DecoderIo.PastK(l, h), Track(_cache.Keys(l, h, 0, past)));
                    binding.BindInput(DecoderIo.PastV(l, h), Track(_cache.Values(l, h, 0, past)));
                    binding.BindOutput(DecoderIo.PresentK(l, h), Track(_cache.Keys(l, h, past, n)));
                    binding.BindOutput(DecoderIo.PresentV(l, h), Track(_cache.Values(l, h, past, n)));
                    if (hsa)
                    {
                        binding.BindInput(DecoderIo.Landmark(l, h), Track(_cache.Landmarks(l, h, 0, plan!.HsaCandidateChunks)));
                        if (_model.Attention.Quest)
                        {
                            binding.BindInput(DecoderIo.LandmarkExt(l, h), Track(_cache.LandmarkExt(l, h, 0, plan!.HsaCandidateChunks)));
                        }
                    }
                }
            }

            binding.BindOutput(DecoderIo.Logits, Track(OrtValue.CreateTensorValueFromMemory(logits, [1, config.VocabSize])));
            _decoder.RunWithBinding(_run, binding);
            binding.SynchronizeBoundOutputs();
        }
        finally
        {
            foreach (var v in owned)
            {
                v.Dispose();
            }
        }

        _cache.Length = past + n;
        _fullFrom = _cache.Length;
        _ringCurrent = !_cache.HasRings;
        UpdateLandmarks();
        return logits;
    }

    /// <summary>
    /// The ring slot of token <paramref name="p"/> once it has left the scratch slot: the sinks keep their positions,
    /// later tokens cycle through the W - 1 window slots (ADR 0016).
    /// </summary>
    internal static int RingSlot(int p, AttentionSettings s) =>
        p < s.Sinks ? p : s.Window > 1 ? s.Sinks + ((p - s.Sinks) % (s.Window - 1)) : s.RingSlots - 1;

    /// <summary>Where token <paramref name="p"/> is in the ring when the sequence holds <paramref name="length"/> tokens: the last one is still in its scratch slot.</summary>
    internal static int RingLocation(int p, int length, AttentionSettings s) =>
        p == length - 1 ? Math.Min(p, s.RingSlots - 1) : RingSlot(p, s);

    /// <summary>Tokens a query at position <paramref name="length"/> attends in a window layer, beside itself: the sinks and the last W - 1.</summary>
    private static IEnumerable<int> WindowTokens(int length, AttentionSettings s) =>
        Enumerable.Range(0, Math.Min(s.Sinks, length)).Concat(Enumerable.Range(Math.Max(s.Sinks, length - s.Window + 1), Math.Max(0, length - Math.Max(s.Sinks, length - s.Window + 1))));

    /// <summary>After a block ran the dynamic graph: copies the window tokens from the full cache into every window layer's ring.</summary>
    private void FillRings()
    {
        var s = _model.Attention;
        var length = _cache.Length;
        var pairs = WindowTokens(length, s).Select(p => (Token: p, Slot: RingSlot(p, s))).ToList();
        if (length > 0 && RingLocation(length - 1, length, s) != RingSlot(length - 1, s))
        {
            pairs.Add((length - 1, RingLocation(length - 1, length, s)));
        }

        CopyRuns(pairs, toRing: true);
        _ringCurrent = true;
    }

    /// <summary>Before a block runs the dynamic graph: copies the window tokens decoded by the step from the rings into the full cache.</summary>
    private void SyncFullCache()
    {
        var s = _model.Attention;
        var length = _cache.Length;
        var pairs = WindowTokens(length, s).Where(p => p >= _fullFrom).Select(p => (Token: p, Slot: RingLocation(p, length, s))).ToList();
        CopyRuns(pairs, toRing: false);
        _fullFrom = length;
    }

    /// <summary>Copies (token row, ring slot) pairs of every window layer and KV head, merged into runs of consecutive rows.</summary>
    private void CopyRuns(List<(int Token, int Slot)> pairs, bool toRing)
    {
        var runs = new List<(int Token, int Slot, int Rows)>();
        foreach (var (token, slot) in pairs.OrderBy(p => p.Token))
        {
            if (runs.Count > 0 && runs[^1].Token + runs[^1].Rows == token && runs[^1].Slot + runs[^1].Rows == slot)
            {
                runs[^1] = (runs[^1].Token, runs[^1].Slot, runs[^1].Rows + 1);
                continue;
            }

            runs.Add((token, slot, 1));
        }

        var config = _model.Config;
        for (var l = 0; l < config.NumLayers; l++)
        {
            if (_model.Attention.KindOf(l) != AttentionKind.Window)
            {
                continue;
            }

            for (var h = 0; h < config.NumKvHeads; h++)
            {
                foreach (var (token, slot, rows) in runs)
                {
                    using var fullK = _cache.Keys(l, h, token, rows);
                    using var fullV = _cache.Values(l, h, token, rows);
                    using var ringK = _cache.RingKeys(l, h, slot, rows);
                    using var ringV = _cache.RingValues(l, h, slot, rows);
                    if (toRing)
                    {
                        _ringCopy!.Copy([fullK, fullV], [ringK, ringV]);
                    }
                    else
                    {
                        _ringCopy!.Copy([ringK, ringV], [fullK, fullV]);
                    }
                }
            }
        }
    }

    /// <summary>Computes landmarks of chunks completed by the last step, straight from the cache into the landmark buffers.</summary>
    private void UpdateLandmarks()
    {
        if (_landmarks is null)
        {
            return;
        }

        var s = _model.Attention;
        var complete = _cache.Length > s.Sinks ? (_cache.Length - s.Sinks) / s.ChunkSize : 0;
        var fresh = complete - _cache.LandmarkChunks;
        if (fresh <= 0)
        {
            return;
        }

        var config = _model.Config;
        var owned = new List<OrtValue>();
        using var binding = _landmarks.CreateIoBinding();
        try
        {
            var firstRow = s.Sinks + (_cache.LandmarkChunks * s.ChunkSize);
            for (var l = 0; l < config.NumLayers; l++)
            {
                if (s.KindOf(l) != AttentionKind.Hsa)
                {
                    continue;
                }

                for (var h = 0; h < config.NumKvHeads; h++)
                {
                    var keys = _cache.Keys(l, h, firstRow, fresh * s.ChunkSize);
                    var lm = _cache.Landmarks(l, h, _cache.LandmarkChunks, fresh);
                    owned.Add(keys);
                    owned.Add(lm);
                    binding.BindInput(DecoderIo.ChunkKeys(l, h), keys);
                    binding.BindOutput(DecoderIo.Landmark(l, h), lm);
                    if (s.Quest)
                    {
                        var ext = _cache.LandmarkExt(l, h, _cache.LandmarkChunks, fresh);
                        owned.Add(ext);
                        binding.BindOutput(DecoderIo.LandmarkExt(l, h), ext);
                    }
                }
            }

            _landmarks.RunWithBinding(_run, binding);
            binding.SynchronizeBoundOutputs();
        }
        finally
        {
            foreach (var v in owned)
            {
                v.Dispose();
            }
        }

        _cache.LandmarkChunks = complete;
    }

    private static SessionOptions CreateOptions(ExecutionDevice device, bool cudaGraph)
    {
        var options = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL };
        if (device == ExecutionDevice.Cuda)
        {
            try
            {
                // Same-as-requested arena growth: the KV buffers are large and long-lived, power-of-two growth would waste up to half.
                using var cuda = new OrtCUDAProviderOptions();
                cuda.UpdateOptions(new Dictionary<string, string>
                {
                    ["device_id"] = "0",
                    ["arena_extend_strategy"] = "kSameAsRequested",
                    ["enable_cuda_graph"] = cudaGraph ? "1" : "0",
                });
                options.AppendExecutionProvider_CUDA(cuda);
            }
            catch (Exception ex) when (ex is OnnxRuntimeException or EntryPointNotFoundException or DllNotFoundException)
            {
                options.Dispose();
                throw new ModelLoadException("The CUDA execution provider is not available in this build of ONNX Runtime; use --device cpu.", ex);
            }
        }

        return options;
    }

    public void Dispose()
    {
        _step?.Dispose();
        _ringCopy?.Dispose();
        _decoder.Dispose();
        _landmarks?.Dispose();
        _memory.Dispose();
        _run.Dispose();
    }
}
