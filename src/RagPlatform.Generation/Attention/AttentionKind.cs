namespace RagPlatform.Generation.Attention;

/// <summary>How one decoder layer attends over its KV cache.</summary>
public enum AttentionKind
{
    /// <summary>Every cached token.</summary>
    Dense,

    /// <summary>Attention sinks (the first tokens) plus a sliding window (StreamingLLM).</summary>
    Window,

    /// <summary>Sinks, per-KV-head top-k chunks chosen by query-landmark score, and the local window (HSA / Quest).</summary>
    Hsa,

    /// <summary>
    /// Sinks, the local window, and per-KV-head top-k single tokens chosen by an indexer that scores every older cached
    /// key against the query (DeepSeek sparse attention, token level); k covering the context equals dense.
    /// </summary>
    Dsa,
}
