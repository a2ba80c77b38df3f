namespace RagPlatform.Generation.Building;

/// <summary>Names of the decoder graph's inputs and outputs, shared by the builder and the runtime.</summary>
internal static class DecoderIo
{
    public const string InputIds = "input_ids";
    public const string Positions = "positions";
    public const string BiasCausal = "bias_causal";
    public const string WindowIdx = "window_idx";
    public const string BiasWindowPast = "bias_window_past";
    public const string BiasWindowNew = "bias_window_new";
    public const string HsaSinkIdx = "hsa_sink_idx";
    public const string HsaLocalIdx = "hsa_local_idx";
    public const string HsaK = "hsa_k";
    public const string Logits = "logits";
    public const string DsaSinkIdx = "dsa_sink_idx";
    public const string DsaLocalIdx = "dsa_local_idx";
    public const string DsaStart = "dsa_start";
    public const string DsaEnd = "dsa_end";
    public const string DsaK = "dsa_k";
    public const string SeqlensK = "seqlens_k";
    public const string TotalSequenceLength = "total_sequence_length";
    public const string CosCache = "cos_cache";
    public const string SinCache = "sin_cache";

    /// <summary>Step graph, window/hsa layers: h * capacity per KV head [kv heads, 1], the row offset of a head in the flat buffer.</summary>
    public const string HeadOffsets = "head_offsets";

    /// <summary>Step graph, hsa layers: 0 .. chunks-1, the landmark slots of the capacity.</summary>
    public const string ChunkSlots = "chunk_slots";

    /// <summary>A dense layer's key cache: head-major [1, kv heads, capacity, D], bound as past and present (one buffer, written in place).</summary>
    public static string PastKey(int layer) => $"past_key.{layer}";

    public static string PastValue(int layer) => $"past_value.{layer}";

    public static string PresentKey(int layer) => $"present_key.{layer}";

    public static string PresentValue(int layer) => $"present_value.{layer}";

    /// <summary>
    /// Step graph, window layers: the layer's ring of sinks + window slots, head-major [1, kv heads, sinks + window, D],
    /// keys stored rotated (ADR 0016). Bound as the input and as both outputs (the moved and the attended ring): one buffer.
    /// </summary>
    public static string RingKey(int layer) => $"ring_key.{layer}";

    public static string RingValue(int layer) => $"ring_value.{layer}";

    /// <summary>The ring after the previous token moved from the scratch slot to its ring slot (same buffer as <see cref="RingKey"/>).</summary>
    public static string RingKeyMoved(int layer) => $"ring_key_moved.{layer}";

    public static string RingValueMoved(int layer) => $"ring_value_moved.{layer}";

    /// <summary>The ring with the new token appended by GroupQueryAttention (same buffer as <see cref="RingKey"/>).</summary>
    public static string RingKeyOut(int layer) => $"ring_key_out.{layer}";

    public static string RingValueOut(int layer) => $"ring_value_out.{layer}";

    public static string PastK(int layer, int head) => $"past_k.{layer}.{head}";

    public static string PastV(int layer, int head) => $"past_v.{layer}.{head}";

    public static string PresentK(int layer, int head) => $"present_k.{layer}.{head}";

    public static string PresentV(int layer, int head) => $"present_v.{layer}.{head}";

    public static string Landmark(int layer, int head) => $"landmark.{layer}.{head}";

    public static string LandmarkExt(int layer, int head) => $"landmark_ext.{layer}.{head}";

    /// <summary>An hsa layer's landmarks, head-major [kv heads, chunks, D] (the step graph scores all heads at once).</summary>
    public static string LayerLandmarks(int layer) => $"landmarks.{layer}";

    public static string LayerLandmarkExt(int layer) => $"landmarks_ext.{layer}";

    public static string ChunkKeys(int layer, int head) => $"chunk_k.{layer}.{head}";
}
