namespace RagPlatform.Onnx;

/// <summary>How to run one embedding model: where its bytes are, how it pools, what it prefixes to queries.</summary>
/// <param name="Name">Model name, stored with every index it writes.</param>
/// <param name="Pooling">Sentence pooling.</param>
/// <param name="QueryPrefix">Text put before queries (never before passages).</param>
/// <param name="MaxTokens">Token limit per text, [CLS] and [SEP] included.</param>
/// <param name="LowerCase">Whether the WordPiece vocabulary is uncased.</param>
public sealed record ModelSpec(string Name, Pooling Pooling, string QueryPrefix, int MaxTokens, bool LowerCase)
{
    /// <summary>Snowflake arctic-embed-xs.</summary>
    public const string ArcticEmbedXs = "arctic-embed-xs";

    /// <summary>sentence-transformers all-MiniLM-L6-v2.</summary>
    public const string MiniLmL6V2 = "all-MiniLM-L6-v2";

    /// <summary>The packaged models, by name (from each model card: pooling, prefix, max_seq_length).</summary>
    public static IReadOnlyDictionary<string, ModelSpec> Known { get; } = new Dictionary<string, ModelSpec>(StringComparer.OrdinalIgnoreCase)
    {
        [ArcticEmbedXs] = new(ArcticEmbedXs, Pooling.Cls, "Represent this sentence for searching relevant passages: ", 512, true),
        [MiniLmL6V2] = new(MiniLmL6V2, Pooling.Mean, string.Empty, 256, true),
    };
}
