using RagPlatform.Generation.Attention;
using RagPlatform.Generation.Checkpoints;
using static RagPlatform.Generation.Building.OnnxGraph;
using DataType = Onnx.TensorProto.Types.DataType;

namespace RagPlatform.Generation.Building;

/// <summary>
/// Writes the ONNX decoder for a Llama-family checkpoint. The cache of a layer is one head-major [kv heads, T, D]
/// buffer per K and V that the runtime keeps resident. Dense layers run ONNX Runtime's GroupQueryAttention on it
/// (fused QKV projection in, rotary inside, past and present bound to the same fixed-capacity buffer, lengths as
/// inputs), so a dense graph has no shape that changes from step to step and can be captured as a CUDA graph.
/// Window and hsa layers view each head's rows [T, D] of that buffer (past = filled prefix, present = next rows)
/// and Gather only the rows they attend. <paramref name="singleToken"/> builds the one-token decode graph with
/// static shapes (for CUDA-graph capture): there window and hsa layers run the fixed-shape fragment of
/// DecoderGraphBuilder.Step.cs over the whole head-major buffer (ADR 0013).
/// </summary>
internal sealed partial class DecoderGraphBuilder(Checkpoint checkpoint, AttentionSettings attention, DataType dtype, bool singleToken = false, bool int8Weights = false)
{
    private readonly ModelConfig _c = checkpoint.Config;
    private OnnxGraph _g = null!;
    private string _cos = "", _sin = "";
    private string _causalTiled = "", _windowPastTiled = "", _windowNewTiled = "";
    private string _windowSizes = "", _hsaSizes = "", _dsaSizes = "";

    public byte[] Build(Stream external, string externalName, Dictionary<string, Onnx.TensorProto>? written = null)
    {
        _g = new OnnxGraph(external, externalName, written);
        var headDim = _c.HeadDim.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var kvHeads = _c.NumKvHeads.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var n = singleToken ? "1" : "n";
        var ids = _g.Input(DecoderIo.InputIds, DataType.Int64, n);
        var kinds = Enumerable.Range(0, _c.NumLayers).Select(attention.KindOf).ToList();
        var legacy = !singleToken && kinds.Any(k => k != AttentionKind.Dense);
        if (singleToken && kinds.Contains(AttentionKind.Dsa))
        {
            throw new InvalidOperationException("The one-token decode graph is built for dense, window and hsa layers only.");
        }

        if (kinds.Contains(AttentionKind.Dense) || singleToken)
        {
            _g.Input(DecoderIo.SeqlensK, DataType.Int32, "1");
            _g.Input(DecoderIo.TotalSequenceLength, DataType.Int32);
            var half = (_c.HeadDim / 2).ToString(System.Globalization.CultureInfo.InvariantCulture);
            _g.Input(DecoderIo.CosCache, dtype, "positions", half);
            _g.Input(DecoderIo.SinCache, dtype, "positions", half);
        }

        var ring = RingSlots.ToString(System.Globalization.CultureInfo.InvariantCulture);
        for (var l = 0; l < _c.NumLayers; l++)
        {
            if (singleToken && kinds[l] == AttentionKind.Window)
            {
                _g.Input(DecoderIo.RingKey(l), dtype, "1", kvHeads, ring, headDim);
                _g.Input(DecoderIo.RingValue(l), dtype, "1", kvHeads, ring, headDim);
                continue;
            }

            if (kinds[l] == AttentionKind.Dense || singleToken)
            {
                _g.Input(DecoderIo.PastKey(l), dtype, "1", kvHeads, "capacity", headDim);
                _g.Input(DecoderIo.PastValue(l), dtype, "1", kvHeads, "capacity", headDim);
                if (singleToken && kinds[l] == AttentionKind.Hsa)
                {
                    _g.Input(DecoderIo.LayerLandmarks(l), dtype, kvHeads, "chunks", headDim);
                    if (attention.Quest)
                    {
                        _g.Input(DecoderIo.LayerLandmarkExt(l), dtype, kvHeads, "chunks", headDim);
                    }
                }

                continue;
            }

            for (var h = 0; h < _c.NumKvHeads; h++)
            {
                _g.Input(DecoderIo.PastK(l, h), dtype, "past", headDim);
                _g.Input(DecoderIo.PastV(l, h), dtype, "past", headDim);
            }
        }

        if (legacy)
        {
            _g.Input(DecoderIo.Positions, DataType.Int64, "n");
            DeclarePolicyInputs(kinds, headDim);
            BuildRope();
        }

        if (singleToken && kinds.Any(k => k != AttentionKind.Dense))
        {
            DeclareStepPolicy(kinds);
        }

        var embed = WeightOf("model.embed_tokens.weight");
        var x = _g.Op1("Gather", embed, ids);
        string residual = x;
        var normed = Norm(x, "model.layers.0.input_layernorm.weight");
        for (var l = 0; l < _c.NumLayers; l++)
        {
            var p = $"model.layers.{l}.";
            var attn = AttentionBlock(l, kinds[l], normed, p + "self_attn.");
            (normed, residual) = SkipNorm(attn, residual, p + "post_attention_layernorm.weight");
            var mlp = Mlp(normed, p + "mlp.");
            if (l + 1 < _c.NumLayers)
            {
                (normed, residual) = SkipNorm(mlp, residual, $"model.layers.{l + 1}.input_layernorm.weight");
            }
            else
            {
                var last = singleToken ? mlp : LastRow(mlp);
                var lastResidual = singleToken ? residual : LastRow(residual);
                (normed, _) = SkipNorm(last, lastResidual, "model.norm.weight");
            }
        }

        var headName = _c.TieWordEmbeddings || !checkpoint.Has("lm_head.weight") ? "model.embed_tokens.weight" : "lm_head.weight";
        var logits = Project(normed, headName, [headName]);
        _g.Op("Cast", [logits], attributes: [Int("to", (long)DataType.Float)], outputNames: [DecoderIo.Logits]);
        _g.Output(DecoderIo.Logits, DataType.Float, "1", _c.VocabSize.ToString(System.Globalization.CultureInfo.InvariantCulture));
        for (var l = 0; l < _c.NumLayers; l++)
        {
            if (singleToken && kinds[l] == AttentionKind.Window)
            {
                _g.Output(DecoderIo.RingKeyMoved(l), dtype, "1", kvHeads, ring, headDim);
                _g.Output(DecoderIo.RingValueMoved(l), dtype, "1", kvHeads, ring, headDim);
                _g.Output(DecoderIo.RingKeyOut(l), dtype, "1", kvHeads, ring, headDim);
                _g.Output(DecoderIo.RingValueOut(l), dtype, "1", kvHeads, ring, headDim);
                continue;
            }

            if (kinds[l] == AttentionKind.Dense || singleToken)
            {
                _g.Output(DecoderIo.PresentKey(l), dtype, "1", kvHeads, "capacity", headDim);
                _g.Output(DecoderIo.PresentValue(l), dtype, "1", kvHeads, "capacity", headDim);
                continue;
            }

            for (var h = 0; h < _c.NumKvHeads; h++)
            {
                _g.Output(DecoderIo.PresentK(l, h), dtype, "n", headDim);
                _g.Output(DecoderIo.PresentV(l, h), dtype, "n", headDim);
            }
        }

        return _g.ToModelBytes();
    }

    private int Group => _c.NumHeads / _c.NumKvHeads;

    private void DeclarePolicyInputs(List<AttentionKind> kinds, string headDim)
    {
        var n = _g.Op1("Shape", DecoderIo.InputIds);
        var tile = _g.Op1("Concat", [_g.ConstInts(Group), _g.ConstInts(1)], Int("axis", 0));
        _g.Input(DecoderIo.BiasCausal, DataType.Float, "n", "n");
        _causalTiled = _g.Op1("Tile", DecoderIo.BiasCausal, tile);
        if (kinds.Contains(AttentionKind.Window))
        {
            _g.Input(DecoderIo.WindowIdx, DataType.Int64, "w");
            _g.Input(DecoderIo.BiasWindowPast, DataType.Float, "n", "w");
            _g.Input(DecoderIo.BiasWindowNew, DataType.Float, "n", "n");
            _windowPastTiled = _g.Op1("Tile", DecoderIo.BiasWindowPast, tile);
            _windowNewTiled = _g.Op1("Tile", DecoderIo.BiasWindowNew, tile);
            _windowSizes = _g.Op1("Concat", [_g.Op1("Shape", DecoderIo.WindowIdx), n], Int("axis", 0));
        }

        if (kinds.Contains(AttentionKind.Hsa))
        {
            _g.Input(DecoderIo.HsaSinkIdx, DataType.Int64, "s");
            _g.Input(DecoderIo.HsaLocalIdx, DataType.Int64, "loc");
            _g.Input(DecoderIo.HsaK, DataType.Int64, "1");
            for (var l = 0; l < _c.NumLayers; l++)
            {
                if (kinds[l] != AttentionKind.Hsa)
                {
                    continue;
                }

                for (var h = 0; h < _c.NumKvHeads; h++)
                {
                    _g.Input(DecoderIo.Landmark(l, h), dtype, "chunks", headDim);
                    if (attention.Quest)
                    {
                        _g.Input(DecoderIo.LandmarkExt(l, h), dtype, "chunks", headDim);
                    }
                }
            }

            var chunkTokens = _g.Op1("Mul", DecoderIo.HsaK, _g.ConstInts(attention.ChunkSize));
            _hsaSizes = _g.Op1("Concat", [_g.Op1("Shape", DecoderIo.HsaSinkIdx), chunkTokens, _g.Op1("Shape", DecoderIo.HsaLocalIdx), n], Int("axis", 0));
        }

        if (kinds.Contains(AttentionKind.Dsa))
        {
            _g.Input(DecoderIo.DsaSinkIdx, DataType.Int64, "ds");
            _g.Input(DecoderIo.DsaLocalIdx, DataType.Int64, "dloc");
            _g.Input(DecoderIo.DsaStart, DataType.Int64, "1");
            _g.Input(DecoderIo.DsaEnd, DataType.Int64, "1");
            _g.Input(DecoderIo.DsaK, DataType.Int64, "1");
            _dsaSizes = _g.Op1("Concat", [_g.Op1("Shape", DecoderIo.DsaSinkIdx), DecoderIo.DsaK, _g.Op1("Shape", DecoderIo.DsaLocalIdx), n], Int("axis", 0));
        }
    }

    private void BuildRope()
    {
        var inv = _c.Rope.InverseFrequencies(_c.HeadDim);
        var invFreq = _g.ConstFloats([1, inv.Length], inv);
        var pos = _g.Op1("Cast", [_g.Op1("Unsqueeze", DecoderIo.Positions, _g.ConstInts(1))], Int("to", (long)DataType.Float));
        var freqs = _g.Op1("Mul", pos, invFreq);
        var scale = _g.ConstFloats([], [_c.Rope.CosSinScale]);
        _cos = Unsq(ToModel(_g.Op1("Mul", _g.Op1("Cos", freqs), scale)));
        _sin = Unsq(ToModel(_g.Op1("Mul", _g.Op1("Sin", freqs), scale)));
    }

    private string Unsq(string t) => _g.Op1("Unsqueeze", t, _g.ConstInts(1));

    private string ToModel(string floatTensor) =>
        dtype == DataType.Float ? floatTensor : _g.Op1("Cast", [floatTensor], Int("to", (long)dtype));

    private string ToFloat(string t) =>
        dtype == DataType.Float ? t : _g.Op1("Cast", [t], Int("to", (long)DataType.Float));

    /// <summary>Rotate-half RoPE on [n, heads, D].</summary>
    private string Rope(string x)
    {
        var half = _c.HeadDim / 2;
        var parts = _g.Op("Split", [x, _g.ConstInts(half, half)], 2, [Int("axis", 2)]);
        var a = _g.Op1("Sub", _g.Op1("Mul", parts[0], _cos), _g.Op1("Mul", parts[1], _sin));
        var b = _g.Op1("Add", _g.Op1("Mul", parts[1], _cos), _g.Op1("Mul", parts[0], _sin));
        return _g.Op1("Concat", [a, b], Int("axis", 2));
    }

    private string Norm(string x, string weight) =>
        _g.Op1("SimplifiedLayerNormalization", [x, WeightOf(weight)], Int("axis", -1), Float("epsilon", _c.RmsNormEps), Int("stash_type", 1));

    private (string Normed, string Sum) SkipNorm(string x, string skip, string weight)
    {
        var outs = _g.Op("SkipSimplifiedLayerNormalization", [x, skip, WeightOf(weight)], 4, [Float("epsilon", _c.RmsNormEps)], "com.microsoft");
        return (outs[0], outs[3]);
    }

    private string LastRow(string x)
    {
        var n = _g.Op1("Shape", x);
        var last = _g.Op1("Sub", _g.Op1("Slice", n, _g.ConstInts(0), _g.ConstInts(1)), _g.ConstInts(1));
        return _g.Op1("Gather", [x, last], Int("axis", 0));
    }

    private string Linear(string x, string prefix, bool bias) =>
        Project(x, prefix + ".weight", [prefix + ".weight"], bias && checkpoint.Has(prefix + ".bias") ? prefix + ".bias" : null);

    /// <summary>The fused QKV projection of a layer (and the fused biases when the checkpoint has them).</summary>
    private string Qkv(string x, string p)
    {
        string[] parts = [p + "q_proj", p + "k_proj", p + "v_proj"];
        var hasBias = _c.AttentionBias && parts.All(s => checkpoint.Has(s + ".bias"));
        return Project(x, p + "qkv_proj.weight", [.. parts.Select(s => s + ".weight")], hasBias ? p + "qkv_proj.bias" : null, hasBias ? [.. parts.Select(s => s + ".bias")] : null);
    }

    /// <summary>SwiGLU with the gate and up projections fused into one Gemm.</summary>
    private string Mlp(string x, string p)
    {
        var i = _c.IntermediateSize;
        var gateUp = Project(x, p + "gate_up_proj.weight", [p + "gate_proj.weight", p + "up_proj.weight"]);
        var parts = _g.Op("Split", [gateUp, _g.ConstInts(i, i)], 2, [Int("axis", 1)]);
        var act = _g.Op1("Mul", _g.Op1("Mul", parts[0], _g.Op1("Sigmoid", parts[0])), parts[1]);
        return Linear(act, p + "down_proj", false);
    }

    /// <summary>
    /// A dense layer: fused QKV projection, then GroupQueryAttention (rotary inside from the cos/sin caches, causal,
    /// grouped heads) over the layer's fixed-capacity head-major cache, bound as past and present at once.
    /// </summary>
    private string GqaBlock(int layer, string x, string p)
    {
        int heads = _c.NumHeads, kvHeads = _c.NumKvHeads, d = _c.HeadDim;
        var width = (heads + (2 * kvHeads)) * d;
        var qkv = Qkv(x, p);
        var packed = _g.Op1("Reshape", qkv, _g.ConstInts(1, -1, width));
        var outs = _g.Op(
            "GroupQueryAttention",
            [packed, "", "", DecoderIo.PastKey(layer), DecoderIo.PastValue(layer), DecoderIo.SeqlensK, DecoderIo.TotalSequenceLength, DecoderIo.CosCache, DecoderIo.SinCache],
            3,
            [Int("num_heads", heads), Int("kv_num_heads", kvHeads), Int("do_rotary", 1), Int("rotary_interleaved", 0), Float("scale", 1f / MathF.Sqrt(d))],
            "com.microsoft",
            [$"gqa{layer}", DecoderIo.PresentKey(layer), DecoderIo.PresentValue(layer)]);
        var merged = _g.Op1("Reshape", outs[0], _g.ConstInts(-1, heads * d));
        return Linear(merged, p + "o_proj", false);
    }

    /// <summary>Rows of several checkpoint tensors stacked into one weight (QKV, gate-up).</summary>
    private string FusedWeight(string name, params string[] parts)
    {
        if (_weights.TryGetValue(name, out var existing))
        {
            return existing;
        }

        var shapes = parts.Select(checkpoint.Info).Select(i => i.Shape).ToList();
        long[] dims = shapes[0].Length == 1 ? [shapes.Sum(s => s[0])] : [shapes.Sum(s => s[0]), shapes[0][1]];
        var added = _g.Weight(name, dims, () => [.. parts.SelectMany(checkpoint.ReadFloats)], dtype);
        _weights[name] = added;
        return added;
    }

    private string AttentionBlock(int layer, AttentionKind kind, string x, string p)
    {
        if (kind == AttentionKind.Dense)
        {
            return GqaBlock(layer, x, p);
        }

        if (singleToken)
        {
            return StepBlock(layer, kind, x, p);
        }

        int heads = _c.NumHeads, kvHeads = _c.NumKvHeads, d = _c.HeadDim;
        var q = Rope(_g.Op1("Reshape", Linear(x, p + "q_proj", _c.AttentionBias), _g.ConstInts(0, heads, d)));
        var k = Rope(_g.Op1("Reshape", Linear(x, p + "k_proj", _c.AttentionBias), _g.ConstInts(0, kvHeads, d)));
        var v = _g.Op1("Reshape", Linear(x, p + "v_proj", _c.AttentionBias), _g.ConstInts(0, kvHeads, d));
        var qHeads = _g.Op1("Reshape", _g.Op1("Transpose", [q], Ints("perm", 1, 0, 2)), _g.ConstInts(kvHeads, -1, d));
        var qParts = SplitHeads(qHeads, kvHeads, null);
        var kParts = SplitHeads(_g.Op1("Transpose", [k], Ints("perm", 1, 0, 2)), kvHeads, h => DecoderIo.PresentK(layer, h));
        var vParts = SplitHeads(_g.Op1("Transpose", [v], Ints("perm", 1, 0, 2)), kvHeads, h => DecoderIo.PresentV(layer, h));
        var outputs = new string[kvHeads];
        for (var h = 0; h < kvHeads; h++)
        {
            var parts = PolicyParts(kind, layer, h, qParts[h], kParts[h], vParts[h]);
            outputs[h] = Attend(qParts[h], parts.Parts, parts.Sizes);
        }

        var all = kvHeads == 1 ? outputs[0] : _g.Op1("Concat", outputs, Int("axis", 0));
        var merged = _g.Op1("Reshape", _g.Op1("Transpose", [_g.Op1("Reshape", all, _g.ConstInts(heads, -1, d))], Ints("perm", 1, 0, 2)), _g.ConstInts(0, heads * d));
        return Linear(merged, p + "o_proj", false);
    }

    /// <summary>Splits [kvHeads, rows, D] into kvHeads tensors [rows, D] (named when a namer is given).</summary>
    private string[] SplitHeads(string x, int kvHeads, Func<int, string>? name)
    {
        var pieces = kvHeads == 1 ? [x] : _g.Op("Split", [x], kvHeads, [Int("axis", 0)]);
        var result = new string[kvHeads];
        for (var h = 0; h < kvHeads; h++)
        {
            result[h] = _g.Op("Reshape", [pieces[h], _g.ConstInts(-1, _c.HeadDim)], outputNames: name is null ? null : [name(h)])[0];
        }

        return result;
    }

    private (List<(string K, string V, string? Bias)> Parts, string Sizes) PolicyParts(AttentionKind kind, int layer, int h, string qg, string newK, string newV)
    {
        string pastK = DecoderIo.PastK(layer, h), pastV = DecoderIo.PastV(layer, h);
        switch (kind)
        {
            case AttentionKind.Window:
                return ([(Rows(pastK, DecoderIo.WindowIdx), Rows(pastV, DecoderIo.WindowIdx), _windowPastTiled), (newK, newV, _windowNewTiled)], _windowSizes);
            case AttentionKind.Dsa:
                var tokenRows = SelectTokens(pastK, qg);
                return ([
                    (Rows(pastK, DecoderIo.DsaSinkIdx), Rows(pastV, DecoderIo.DsaSinkIdx), null),
                    (Rows(pastK, tokenRows), Rows(pastV, tokenRows), null),
                    (Rows(pastK, DecoderIo.DsaLocalIdx), Rows(pastV, DecoderIo.DsaLocalIdx), null),
                    (newK, newV, _causalTiled),
                ], _dsaSizes);
            default:
                var chunkRows = SelectChunks(layer, h, qg);
                return ([
                    (Rows(pastK, DecoderIo.HsaSinkIdx), Rows(pastV, DecoderIo.HsaSinkIdx), null),
                    (Rows(pastK, chunkRows), Rows(pastV, chunkRows), null),
                    (Rows(pastK, DecoderIo.HsaLocalIdx), Rows(pastV, DecoderIo.HsaLocalIdx), null),
                    (newK, newV, _causalTiled),
                ], _hsaSizes);
        }
    }

    private string Rows(string cache, string indices) => _g.Op1("Gather", [cache, indices], Int("axis", 0));

    /// <summary>
    /// Per KV head: scores every candidate chunk's landmark against the group's queries (max over queries and
    /// heads of the group; Quest's bound from min/max keys when enabled), keeps the top k and returns the rows of
    /// those chunks in position order.
    /// </summary>
    private string SelectChunks(int layer, int h, string qg)
    {
        var scores = _g.Op1("Gemm", [qg, DecoderIo.Landmark(layer, h)], Int("transB", 1));
        if (attention.Quest)
        {
            var ext = _g.Op1("Gemm", [_g.Op1("Relu", qg), DecoderIo.LandmarkExt(layer, h)], Int("transB", 1));
            scores = _g.Op1("Add", scores, ext);
        }

        var perChunk = _g.Op1("ReduceMax", [ToFloat(scores)], Ints("axes", 0), Int("keepdims", 0));
        var top = _g.Op("TopK", [perChunk, DecoderIo.HsaK], 2, [Int("axis", 0), Int("largest", 1), Int("sorted", 1)]);
        var asFloat = _g.Op1("Cast", [top[1]], Int("to", (long)DataType.Float));
        var ordered = _g.Op("TopK", [asFloat, DecoderIo.HsaK], 2, [Int("axis", 0), Int("largest", 0), Int("sorted", 1)]);
        var chunks = _g.Op1("Cast", [ordered[0]], Int("to", (long)DataType.Int64));
        var starts = _g.Op1("Mul", _g.Op1("Unsqueeze", chunks, _g.ConstInts(1)), _g.ConstInts(attention.ChunkSize));
        var offsets = Enumerable.Range(0, attention.ChunkSize).Select(i => (long)(attention.Sinks + i)).ToArray();
        var rows = _g.Op1("Add", starts, _g.Op1("Reshape", _g.ConstInts(offsets), _g.ConstInts(1, attention.ChunkSize)));
        return _g.Op1("Reshape", rows, _g.ConstInts(-1));
    }

    /// <summary>
    /// The dsa indexer for one KV head: scores every candidate row (between the sinks and the local window, a Slice of
    /// the cache, no host index list) by its key against the group's queries (max over queries and heads) and returns
    /// the rows of the top k. Attention is order-free, so the rows stay in score order.
    /// </summary>
    private string SelectTokens(string pastK, string qg)
    {
        var candidates = _g.Op1("Slice", pastK, DecoderIo.DsaStart, DecoderIo.DsaEnd, _g.ConstInts(0));
        var scores = _g.Op1("Gemm", [qg, candidates], Int("transB", 1));
        var perToken = _g.Op1("ReduceMax", [ToFloat(scores)], Ints("axes", 0), Int("keepdims", 0));
        var top = _g.Op("TopK", [perToken, DecoderIo.DsaK], 2, [Int("axis", 0), Int("largest", 1), Int("sorted", 0)]);
        return _g.Op1("Add", top[1], DecoderIo.DsaStart);
    }

    /// <summary>Softmax over the concatenated scores of all parts, then the weighted sum of their values.</summary>
    private string Attend(string qg, List<(string K, string V, string? Bias)> parts, string sizes)
    {
        var scale = 1f / MathF.Sqrt(_c.HeadDim);
        var scores = new string[parts.Count];
        for (var i = 0; i < parts.Count; i++)
        {
            var s = ToFloat(_g.Op1("Gemm", [qg, parts[i].K], Int("transB", 1), Float("alpha", scale)));
            scores[i] = parts[i].Bias is { } bias ? _g.Op1("Add", s, bias) : s;
        }

        var probs = _g.Op1("Softmax", [_g.Op1("Concat", scores, Int("axis", 1))], Int("axis", 1));
        var pieces = _g.Op("Split", [ToModel(probs), sizes], parts.Count, [Int("axis", 1)]);
        var weighted = parts.Select((part, i) => _g.Op1("MatMul", pieces[i], part.V)).ToArray();
        return _g.Op1("Sum", weighted);
    }

    private readonly Dictionary<string, string> _weights = new(StringComparer.Ordinal);

    private string WeightOf(string name)
    {
        if (_weights.TryGetValue(name, out var existing))
        {
            return existing;
        }

        var info = checkpoint.Info(name);
        var added = _g.Weight(name, info.Shape, () => checkpoint.ReadFloats(name), dtype);
        _weights[name] = added;
        return added;
    }
}
