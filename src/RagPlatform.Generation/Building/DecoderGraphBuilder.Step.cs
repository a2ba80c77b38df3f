using RagPlatform.Generation.Attention;
using static RagPlatform.Generation.Building.OnnxGraph;
using DataType = Onnx.TensorProto.Types.DataType;

namespace RagPlatform.Generation.Building;

/// <summary>
/// The one-token step graph's window and hsa layers (ADR 0013): a fixed-shape, head-batched fragment over the layer's
/// whole head-major [1, kv heads, capacity, D] buffer, so the step has no shape that depends on the length and is
/// captured as a CUDA graph like the dense step. Per layer: one fused QKV Gemm, rotate-half RoPE from the resident
/// cos/sin row of the position, a ScatterElements that writes the new key and value rows in place (input and output
/// bound to the same buffer), one Gather of a fixed number of rows per KV head (sinks + window, or sinks + top-k chunks +
/// local rows), and FusedMatMul-Softmax-MatMul with the slots that do not apply this step masked out. hsa scores
/// every landmark slot of the capacity at once and masks the chunks that are not yet candidates before TopK, so no
/// per-step host work depends on the context. Masked slots gather the current row (always written), never
/// unwritten memory. Only kernels that keep no host state are used (no Shape, Range, ScatterND or reductions), so
/// the capture holds on CUDA.
/// </summary>
internal sealed partial class DecoderGraphBuilder
{
    private const float MaskedScore = -1e9f;
    private const float NoChunk = -3e38f;

    private string _pos = "", _writeIdx = "", _headOffsets = "";
    private string _windowIdx = "", _windowValid = "";
    private string _hsaFixedIdx = "", _hsaFixedValid = "", _candidates = "", _chunkValid = "";

    /// <summary>Top-k chunks per KV head the step graph selects (its fixed slot count).</summary>
    private int StepTopK => attention.TopK;

    /// <summary>Values shared by every window/hsa layer of the step: the position, the scatter index, the row slots.</summary>
    private void DeclareStepPolicy(List<AttentionKind> kinds)
    {
        int kvHeads = _c.NumKvHeads, s = attention.Sinks, w = attention.Window, c = attention.ChunkSize;
        _pos = _g.Op1("Cast", [DecoderIo.SeqlensK], Int("to", (long)DataType.Int64)); // [1]: the new token's position
        _cos = _g.Op1("Unsqueeze", _g.Op1("Gather", [DecoderIo.CosCache, _pos], Int("axis", 0)), _g.ConstInts(1));
        _sin = _g.Op1("Unsqueeze", _g.Op1("Gather", [DecoderIo.SinCache, _pos], Int("axis", 0)), _g.ConstInts(1));

        // ScatterElements index [1, kv heads, 1, D]: every element of the new rows goes to row `position` (axis 2)
        _writeIdx = _g.Op1("Expand", Reshaped(_pos, 1, 1, 1, 1), _g.ConstInts(1, kvHeads, 1, _c.HeadDim));
        // h * capacity, bound once by the runtime: no Shape node, which would put a host tensor (and a copy) in the graph
        _headOffsets = _g.Input(DecoderIo.HeadOffsets, DataType.Int64, kvHeads.ToString(System.Globalization.CultureInfo.InvariantCulture), "1");
        if (kinds.Contains(AttentionKind.Window))
        {
            // slots: the sinks [0, s) and the window (position - w, position]
            var rel = Enumerable.Range(0, s).Select(j => (long)j).Concat(Enumerable.Range(0, w).Select(j => (long)(j - w + 1))).ToArray();
            var isWindow = Enumerable.Repeat(0L, s).Concat(Enumerable.Repeat(1L, w)).ToArray();
            var low = Enumerable.Repeat(0L, s).Concat(Enumerable.Repeat((long)s, w)).ToArray();
            var idx = _g.Op1("Add", _g.ConstInts(rel), _g.Op1("Mul", _g.ConstInts(isWindow), _pos));
            var valid = _g.Op1("And", _g.Op1("Not", _g.Op1("Less", idx, _g.ConstInts(low))), _g.Op1("Not", _g.Op1("Greater", idx, _pos)));
            _windowIdx = Reshaped(idx, 1, -1);
            _windowValid = Reshaped(valid, 1, -1);
        }

        if (kinds.Contains(AttentionKind.Hsa))
        {
            // candidates = max(0, position - w - s) / c, local rows start at min(position, s + candidates * c)
            var over = _g.Op1("Sub", _pos, _g.ConstInts(w + s));
            var zero = _g.ConstInts(0);
            _candidates = _g.Op1("Where", _g.Op1("Greater", over, zero), _g.Op1("Div", over, _g.ConstInts(c)), zero);
            var afterChunks = _g.Op1("Add", _g.ConstInts(s), _g.Op1("Mul", _candidates, _g.ConstInts(c)));
            var localStart = _g.Op1("Where", _g.Op1("Less", _pos, afterChunks), _pos, afterChunks);
            var sinks = _g.ConstInts([.. Enumerable.Range(0, s).Select(j => (long)j)]);
            var sinkValid = _g.Op1("Less", sinks, _pos);
            var local = _g.Op1("Add", _g.ConstInts([.. Enumerable.Range(0, w + c).Select(j => (long)(j - (w + c) + 1))]), _pos);
            var localValid = _g.Op1("Not", _g.Op1("Less", local, localStart));
            _hsaFixedIdx = s > 0 ? _g.Op1("Concat", [sinks, local], Int("axis", 0)) : local;
            _hsaFixedValid = s > 0 ? _g.Op1("Concat", [sinkValid, localValid], Int("axis", 0)) : localValid;
            // 0 .. chunks-1 of the landmark buffers, bound once by the runtime
            var slots = _g.Input(DecoderIo.ChunkSlots, DataType.Int64, "chunks");
            _chunkValid = _g.Op1("Less", slots, _candidates);
        }
    }

    private string Reshaped(string x, params long[] shape) => _g.Op1("Reshape", x, _g.ConstInts(shape));

    /// <summary>A window or hsa layer of the one-token step graph.</summary>
    private string StepBlock(int layer, AttentionKind kind, string x, string p)
    {
        int heads = _c.NumHeads, kvHeads = _c.NumKvHeads, d = _c.HeadDim;
        string[] names = [p + "q_proj", p + "k_proj", p + "v_proj"];
        var weight = FusedWeight(p + "qkv_proj.weight", [.. names.Select(n => n + ".weight")]);
        var hasBias = _c.AttentionBias && names.All(n => checkpoint.Has(n + ".bias"));
        var qkv = _g.Op1("Gemm", hasBias ? [x, weight, FusedWeight(p + "qkv_proj.bias", [.. names.Select(n => n + ".bias")])] : [x, weight], Int("transB", 1));
        var parts = _g.Op("Split", [qkv, _g.ConstInts(heads * d, kvHeads * d, kvHeads * d)], 3, [Int("axis", 1)]);
        var q = Rope(Reshaped(parts[0], 1, heads, d));
        var k = Rope(Reshaped(parts[1], 1, kvHeads, d));
        var keys = _g.Op("ScatterElements", [DecoderIo.PastKey(layer), _writeIdx, Reshaped(k, 1, kvHeads, 1, d)], 1, [Int("axis", 2)], outputNames: [DecoderIo.PresentKey(layer)])[0];
        var values = _g.Op("ScatterElements", [DecoderIo.PastValue(layer), _writeIdx, Reshaped(parts[2], 1, kvHeads, 1, d)], 1, [Int("axis", 2)], outputNames: [DecoderIo.PresentValue(layer)])[0];
        var qg = Reshaped(q, kvHeads, Group, d);

        var (idx, valid) = kind == AttentionKind.Window ? (_windowIdx, _windowValid) : HsaSlots(layer, qg);
        var rows = _g.Op1("Add", _g.Op1("Where", valid, idx, _pos), _headOffsets); // [kv heads, slots] rows of the flat buffer
        var gk = _g.Op1("Gather", [Reshaped(keys, -1, d), rows], Int("axis", 0));
        var gv = _g.Op1("Gather", [Reshaped(values, -1, d), rows], Int("axis", 0));
        var scores = ToFloat(_g.Op("FusedMatMul", [qg, gk], 1, [Int("transB", 1), Float("alpha", 1f / MathF.Sqrt(d))], "com.microsoft")[0]);
        var masked = _g.Op1("Where", _g.Op1("Unsqueeze", valid, _g.ConstInts(1)), scores, _g.ConstFloats([], [MaskedScore]));
        var probs = ToModel(_g.Op1("Softmax", [masked], Int("axis", -1)));
        var output = _g.Op1("MatMul", probs, gv); // [kv heads, group, D]
        return Linear(Reshaped(output, 1, heads * d), p + "o_proj", false);
    }

    /// <summary>
    /// The hsa slots of one layer per KV head: the sinks, the rows of the top-k candidate chunks (landmark scores, max
    /// over the group's heads; Quest's bound when enabled) and the local rows up to the new token.
    /// </summary>
    private (string Idx, string Valid) HsaSlots(int layer, string qg)
    {
        int kvHeads = _c.NumKvHeads, c = attention.ChunkSize;
        var fixedCount = attention.Sinks + attention.Window + c;
        var fixedIdx = _g.Op1("Expand", Reshaped(_hsaFixedIdx, 1, -1), _g.ConstInts(kvHeads, fixedCount));
        var fixedValid = _g.Op1("Expand", Reshaped(_hsaFixedValid, 1, -1), _g.ConstInts(kvHeads, fixedCount));
        var topK = StepTopK;
        if (topK == 0)
        {
            return (fixedIdx, fixedValid);
        }

        var scores = _g.Op("FusedMatMul", [qg, DecoderIo.LayerLandmarks(layer)], 1, [Int("transB", 1)], "com.microsoft")[0];
        if (attention.Quest)
        {
            var ext = _g.Op("FusedMatMul", [_g.Op1("Relu", qg), DecoderIo.LayerLandmarkExt(layer)], 1, [Int("transB", 1)], "com.microsoft")[0];
            scores = _g.Op1("Add", scores, ext);
        }

        // max over the group's heads by elementwise Max of its rows (no reduction kernel in the captured step)
        var asFloat = ToFloat(scores);
        var groupMax = Group == 1 ? asFloat : _g.Op1("Max", _g.Op("Split", [asFloat], Group, [Int("axis", 1)]));
        var perChunk = Reshaped(groupMax, kvHeads, -1); // [kv heads, chunks]
        var eligible = _g.Op1("Where", _chunkValid, perChunk, _g.ConstFloats([], [NoChunk]));
        // k padding slots, so TopK's k never exceeds the axis whatever the capacity
        var padded = _g.Op1("Concat", [eligible, _g.ConstFloats([kvHeads, topK], [.. Enumerable.Repeat(NoChunk, kvHeads * topK)])], Int("axis", 1));
        var chosen = _g.Op("TopK", [padded, _g.ConstInts(topK)], 2, [Int("axis", 1), Int("largest", 1), Int("sorted", 0)])[1];
        var chosenValid = _g.Op1("Less", chosen, _candidates);
        var starts = _g.Op1("Add", _g.Op1("Mul", _g.Op1("Unsqueeze", chosen, _g.ConstInts(2)), _g.ConstInts(c)), _g.ConstInts(attention.Sinks));
        var chunkRows = Reshaped(_g.Op1("Add", starts, Reshaped(_g.ConstInts([.. Enumerable.Range(0, c).Select(i => (long)i)]), 1, 1, c)), kvHeads, topK * c);
        var chunkValid = Reshaped(_g.Op1("Expand", _g.Op1("Unsqueeze", chosenValid, _g.ConstInts(2)), _g.ConstInts(kvHeads, topK, c)), kvHeads, topK * c);
        return (_g.Op1("Concat", [fixedIdx, chunkRows], Int("axis", 1)), _g.Op1("Concat", [fixedValid, chunkValid], Int("axis", 1)));
    }
}
