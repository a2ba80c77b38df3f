using RagPlatform.Generation.Attention;
using static RagPlatform.Generation.Building.OnnxGraph;
using DataType = Onnx.TensorProto.Types.DataType;

namespace RagPlatform.Generation.Building;

/// <summary>
/// The one-token step graph's window and hsa layers (ADR 0013): a fixed-shape, head-batched fragment over the layer's
/// whole head-major [1, kv heads, capacity, D] buffer, so the step has no shape that depends on the length and is
/// captured as a CUDA graph like the dense step. Per layer: one fused QKV Gemm, one RotaryEmbedding for the query
/// and key heads from the resident cos/sin tables, a ScatterElements that writes the new key and value rows in place (input and output
/// bound to the same buffer), one Gather of a fixed number of rows per KV head (sinks + window, or sinks + top-k chunks +
/// local rows), and FusedMatMul-Softmax-MatMul with the slots that do not apply this step masked out. hsa scores
/// every landmark slot of the capacity at once and masks the chunks that are not yet candidates before TopK, so no
/// per-step host work depends on the context. Masked slots gather the current row (always written), never
/// unwritten memory. Only kernels that keep no host state are used (no Shape, Range, ScatterND or reductions), and few: about 20 kernels per layer, so
/// the capture holds on CUDA.
/// </summary>
internal sealed partial class DecoderGraphBuilder
{
    private string _pos = "", _positionIds = "", _writeIdx = "", _headOffsets = "", _masked = "", _noChunk = "";
    private string _hsaFixedRows = "", _hsaFixedValid = "", _afterChunks = "", _chunkValid = "";

    /// <summary>Top-k chunks per KV head the step graph selects (its fixed slot count).</summary>
    private int StepTopK => attention.TopK;

    /// <summary>
    /// Values shared by every window/hsa layer of the step: the position, the scatter index, and the slots' rows of the
    /// flat [kv heads x capacity, D] buffer with their validity (masked slots point at the current row).
    /// </summary>
    private void DeclareStepPolicy(List<AttentionKind> kinds)
    {
        int kvHeads = _c.NumKvHeads, s = attention.Sinks, w = attention.Window, c = attention.ChunkSize;
        _pos = _g.Op1("Cast", [DecoderIo.SeqlensK], Int("to", (long)DataType.Int64)); // [1]: the new token's position
        _positionIds = Reshaped(_pos, 1, 1);
        // mask values in the model's precision (the Casts of constants are folded at load)
        _masked = ToModel(_g.ConstFloats([], [dtype == DataType.Float ? -1e9f : -60000f]));
        _noChunk = ToModel(_g.ConstFloats([], [dtype == DataType.Float ? -3e38f : -65504f]));

        if (kinds.Contains(AttentionKind.Window))
        {
            DeclareRing();
        }

        if (kinds.Contains(AttentionKind.Hsa))
        {
            // ScatterElements index [1, kv heads, 1, D]: every element of the new rows goes to row `position` (axis 2)
            _writeIdx = _g.Op1("Expand", Reshaped(_pos, 1, 1, 1, 1), _g.ConstInts(1, kvHeads, 1, _c.HeadDim));
            // h * capacity, bound once by the runtime: no Shape node, which would put a host tensor (and a copy) in the graph
            _headOffsets = _g.Input(DecoderIo.HeadOffsets, DataType.Int64, kvHeads.ToString(System.Globalization.CultureInfo.InvariantCulture), "1");
            // candidates = max(0, position - w - s) / c, local rows start at min(position, s + candidates * c)
            var over = _g.Op1("Sub", _pos, _g.ConstInts(w + s));
            var zero = _g.ConstInts(0);
            var candidates = _g.Op1("Where", _g.Op1("Greater", over, zero), _g.Op1("Div", over, _g.ConstInts(c)), zero);
            _afterChunks = _g.Op1("Add", _g.ConstInts(s), _g.Op1("Mul", candidates, _g.ConstInts(c)));
            var localStart = _g.Op1("Where", _g.Op1("Less", _pos, _afterChunks), _pos, _afterChunks);
            var sinks = _g.ConstInts([.. Enumerable.Range(0, s).Select(j => (long)j)]);
            var sinkValid = _g.Op1("Less", sinks, _pos);
            var local = _g.Op1("Add", _g.ConstInts([.. Enumerable.Range(0, w + c).Select(j => (long)(j - (w + c) + 1))]), _pos);
            var localValid = _g.Op1("Not", _g.Op1("Less", local, localStart));
            var fixedIdx = s > 0 ? _g.Op1("Concat", [sinks, local], Int("axis", 0)) : local;
            var fixedValid = s > 0 ? _g.Op1("Concat", [sinkValid, localValid], Int("axis", 0)) : localValid;
            _hsaFixedRows = _g.Op1("Add", Reshaped(_g.Op1("Where", fixedValid, fixedIdx, _pos), 1, -1), _headOffsets);
            _hsaFixedValid = _g.Op1("Expand", Reshaped(fixedValid, 1, -1), _g.ConstInts(kvHeads, s + w + c));
            // 0 .. slots-1 of the landmark buffers (top-k spare slots beyond the capacity's chunks), bound once by the runtime
            var slots = _g.Input(DecoderIo.ChunkSlots, DataType.Int64, "chunks");
            _chunkValid = _g.Op1("Less", slots, candidates);
        }
    }

    private string Reshaped(string x, params long[] shape) => _g.Op1("Reshape", x, _g.ConstInts(shape));

    /// <summary>A window or hsa layer of the one-token step graph.</summary>
    private string StepBlock(int layer, AttentionKind kind, string x, string p)
    {
        if (kind == AttentionKind.Window)
        {
            return RingBlock(layer, x, p);
        }

        int heads = _c.NumHeads, kvHeads = _c.NumKvHeads, d = _c.HeadDim;
        var qkv = Qkv(x, p);
        var parts = _g.Op("Split", [qkv, _g.ConstInts((heads + kvHeads) * d, kvHeads * d)], 2, [Int("axis", 1)]);
        // one RotaryEmbedding for the query and key heads together, from the resident cos/sin tables (GroupQueryAttention's)
        var rotated = _g.Op(
            "RotaryEmbedding",
            [Reshaped(parts[0], 1, heads + kvHeads, 1, d), _positionIds, DecoderIo.CosCache, DecoderIo.SinCache],
            1,
            [Int("interleaved", 0)],
            "com.microsoft")[0];
        var qk = _g.Op("Split", [rotated, _g.ConstInts(heads, kvHeads)], 2, [Int("axis", 1)]);
        var keys = _g.Op("ScatterElements", [DecoderIo.PastKey(layer), _writeIdx, qk[1]], 1, [Int("axis", 2)], outputNames: [DecoderIo.PresentKey(layer)])[0];
        var values = _g.Op("ScatterElements", [DecoderIo.PastValue(layer), _writeIdx, Reshaped(parts[1], 1, kvHeads, 1, d)], 1, [Int("axis", 2)], outputNames: [DecoderIo.PresentValue(layer)])[0];
        var qg = Reshaped(qk[0], kvHeads, Group, d);

        var (rows, valid) = HsaSlots(layer, qg);
        var gk = _g.Op1("Gather", [Reshaped(keys, -1, d), rows], Int("axis", 0)); // [kv heads, slots, D]
        var gv = _g.Op1("Gather", [Reshaped(values, -1, d), rows], Int("axis", 0));
        var scores = _g.Op("FusedMatMul", [qg, gk], 1, [Int("transB", 1), Float("alpha", 1f / MathF.Sqrt(d))], "com.microsoft")[0];
        var probs = _g.Op1("Softmax", [_g.Op1("Where", valid, scores, _masked)], Int("axis", -1));
        var output = _g.Op1("MatMul", probs, gv); // [kv heads, group, D]
        return Linear(Reshaped(output, 1, heads * d), p + "o_proj", false);
    }

    /// <summary>
    /// The hsa slots of one layer per KV head, as rows of the flat buffer and [kv heads, 1, slots] validity: the sinks and
    /// local rows (shared by the layers), then the rows of the top-k candidate chunks (landmark scores, max over the
    /// group's heads; Quest's bound when enabled).
    /// </summary>
    private (string Rows, string Valid) HsaSlots(int layer, string qg)
    {
        int kvHeads = _c.NumKvHeads, c = attention.ChunkSize;
        var topK = StepTopK;
        if (topK == 0)
        {
            return (_hsaFixedRows, _g.Op1("Unsqueeze", _hsaFixedValid, _g.ConstInts(1)));
        }

        var scores = _g.Op("FusedMatMul", [qg, DecoderIo.LayerLandmarks(layer)], 1, [Int("transB", 1)], "com.microsoft")[0];
        if (attention.Quest)
        {
            var ext = _g.Op("FusedMatMul", [_g.Op1("Relu", qg), DecoderIo.LayerLandmarkExt(layer)], 1, [Int("transB", 1)], "com.microsoft")[0];
            scores = _g.Op1("Add", scores, ext);
        }

        // max over the group's heads by elementwise Max of its rows (no reduction kernel in the captured step)
        var groupMax = Group == 1 ? scores : _g.Op1("Max", _g.Op("Split", [scores], Group, [Int("axis", 1)]));
        // the landmark buffers hold k spare slots, never candidates, so TopK's k never exceeds the axis
        var eligible = _g.Op1("Where", _chunkValid, Reshaped(groupMax, kvHeads, -1), _noChunk);
        var chosen = _g.Op("TopK", [eligible, _g.ConstInts(topK)], 2, [Int("axis", 1), Int("largest", 1), Int("sorted", 0)])[1];
        var first = Enumerable.Range(0, c).Select(i => (long)(attention.Sinks + i)).ToArray();
        var chunkRows = Reshaped(_g.Op1("Add", _g.Op1("Mul", Reshaped(chosen, kvHeads, topK, 1), _g.ConstInts(c)), Reshaped(_g.ConstInts(first), 1, 1, c)), kvHeads, topK * c);
        var chunkValid = _g.Op1("Less", chunkRows, _afterChunks); // row of a candidate chunk
        var flat = _g.Op1("Add", _g.Op1("Where", chunkValid, chunkRows, _pos), _headOffsets);
        var rows = _g.Op1("Concat", [_hsaFixedRows, flat], Int("axis", 1));
        var valid = _g.Op1("Concat", [_hsaFixedValid, chunkValid], Int("axis", 1));
        return (rows, _g.Op1("Unsqueeze", valid, _g.ConstInts(1)));
    }
}
