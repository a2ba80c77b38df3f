using RagPlatform.Generation.Attention;
using static RagPlatform.Generation.Building.OnnxGraph;
using DataType = Onnx.TensorProto.Types.DataType;

namespace RagPlatform.Generation.Building;

/// <summary>
/// The one-token step graph's window layers (ADR 0016): window attention run as dense attention over a compact ring.
/// Each window layer keeps a head-major [1, kv heads, R, D] ring of R = sinks + window slots: slots [0, S) hold the
/// sinks, slots [S, S + W - 1) the last W - 1 tokens (token p at S + (p - S) mod (W - 1)), and the last slot R - 1
/// is the scratch slot where GroupQueryAttention appends the new token. Per layer and step:
/// one Gather and one ScatterElements per K and V move the previous token from the scratch slot to its ring slot
/// (evicting the token that has just left the window; a copy onto itself while the ring is still filling), then the
/// same fused GroupQueryAttention as dense runs over min(position + 1, R) slots of the ring (past and present one
/// buffer, so the append is in place). Softmax over a set is order-free, so the slot order does not matter.
/// Keys are stored rotated at their true positions: GroupQueryAttention rotates the new token at its slot index
/// seqlens_k = min(position, R - 1), so it is given cos/sin tables shifted by max(0, position - (R - 1)) rows (one
/// Gather per table per step, shared by every window layer).
/// </summary>
internal sealed partial class DecoderGraphBuilder
{
    private string _ringSeqlens = "", _ringTotal = "", _ringCos = "", _ringSin = "", _ringMoveFrom = "", _ringMoveTo = "";

    /// <summary>Slots of a window layer's ring: the sinks and the window (the current token included).</summary>
    private int RingSlots => attention.RingSlots;

    /// <summary>Values shared by every window layer of the step: the ring length, the shifted rotary tables, the move's rows.</summary>
    private void DeclareRing()
    {
        int kvHeads = _c.NumKvHeads, s = attention.Sinks, w = attention.Window, r = RingSlots, d = _c.HeadDim;
        var last = _g.ConstInts(r - 1);
        var zero = _g.ConstInts(0);
        // GroupQueryAttention over the ring: the new token goes to slot min(position, R - 1), and that many slots precede it
        _ringSeqlens = _g.Op1("Cast", [Smaller(_pos, last)], Int("to", (long)DataType.Int32));
        _ringTotal = _g.ConstScalarInt32(r);
        var shift = Larger(_g.Op1("Sub", _pos, last), zero);
        var rows = _g.Op1("Add", _g.ConstInts([.. Enumerable.Range(0, r).Select(i => (long)i)]), shift);
        _ringCos = _g.Op1("Gather", [DecoderIo.CosCache, rows], Int("axis", 0));
        _ringSin = _g.Op1("Gather", [DecoderIo.SinCache, rows], Int("axis", 0));

        // the previous token (position - 1) sits in slot min(position - 1, R - 1); its ring slot is S + (p - S) mod (W - 1)
        var previous = Larger(_g.Op1("Sub", _pos, _g.ConstInts(1)), zero);
        var from = Smaller(previous, last);
        var to = from;
        if (w > 1)
        {
            var sinks = _g.ConstInts(s);
            var span = _g.ConstInts(w - 1);
            var x = _g.Op1("Sub", previous, sinks);
            var wrapped = _g.Op1("Add", sinks, _g.Op1("Sub", x, _g.Op1("Mul", _g.Op1("Div", x, span), span)));
            to = _g.Op1("Where", _g.Op1("Less", previous, sinks), previous, wrapped);
        }

        var offsets = _g.ConstInts([.. Enumerable.Range(0, kvHeads).Select(h => (long)h * r)]);
        _ringMoveFrom = _g.Op1("Add", Reshaped(offsets, kvHeads, 1), from); // [kv heads, 1] rows of the flat ring
        _ringMoveTo = _g.Op1("Expand", Reshaped(to, 1, 1, 1, 1), _g.ConstInts(1, kvHeads, 1, d));
    }

    // min and max of int64 scalars by Where, the kernels the captured hsa fragment already runs
    private string Smaller(string a, string b) => _g.Op1("Where", _g.Op1("Less", a, b), a, b);

    private string Larger(string a, string b) => _g.Op1("Where", _g.Op1("Greater", a, b), a, b);

    /// <summary>A window layer of the one-token step graph: move, then GroupQueryAttention over the ring.</summary>
    private string RingBlock(int layer, string x, string p)
    {
        int heads = _c.NumHeads, kvHeads = _c.NumKvHeads, d = _c.HeadDim;
        var width = (heads + (2 * kvHeads)) * d;
        var qkv = Qkv(x, p);
        var packed = Reshaped(qkv, 1, -1, width);
        var keys = Move(DecoderIo.RingKey(layer), DecoderIo.RingKeyMoved(layer));
        var values = Move(DecoderIo.RingValue(layer), DecoderIo.RingValueMoved(layer));
        var outs = _g.Op(
            "GroupQueryAttention",
            [packed, "", "", keys, values, _ringSeqlens, _ringTotal, _ringCos, _ringSin],
            3,
            [Int("num_heads", heads), Int("kv_num_heads", kvHeads), Int("do_rotary", 1), Int("rotary_interleaved", 0), Float("scale", 1f / MathF.Sqrt(d))],
            "com.microsoft",
            [$"ring{layer}", DecoderIo.RingKeyOut(layer), DecoderIo.RingValueOut(layer)]);
        return Linear(Reshaped(outs[0], -1, heads * d), p + "o_proj", false);
    }

    /// <summary>Copies the scratch slot's row of every KV head to the previous token's ring slot, in place.</summary>
    private string Move(string ring, string moved)
    {
        var row = _g.Op1("Gather", [Reshaped(ring, -1, _c.HeadDim), _ringMoveFrom], Int("axis", 0)); // [kv heads, 1, D]
        var update = Reshaped(row, 1, _c.NumKvHeads, 1, _c.HeadDim);
        return _g.Op("ScatterElements", [ring, _ringMoveTo, update], 1, [Int("axis", 2)], outputNames: [moved])[0];
    }
}
