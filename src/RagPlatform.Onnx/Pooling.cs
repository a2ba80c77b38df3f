namespace RagPlatform.Onnx;

/// <summary>How a sentence vector is made from the encoder's token states.</summary>
public enum Pooling
{
    /// <summary>The [CLS] token's state (arctic-embed).</summary>
    Cls,

    /// <summary>The attention-masked mean of all token states (all-MiniLM-L6-v2).</summary>
    Mean,
}
