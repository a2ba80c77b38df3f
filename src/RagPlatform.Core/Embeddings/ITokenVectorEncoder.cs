namespace RagPlatform.Core.Embeddings;

/// <summary>Seam to an encoder's per-token output, for late interaction (ColBERT-style MaxSim).</summary>
public interface ITokenVectorEncoder
{
    /// <summary>The encoder's model, which every token store it writes records.</summary>
    EmbeddingModelIdentity Model { get; }

    /// <summary>The unit-length last-hidden-state vector of every token of each text ([CLS] and [SEP] included).</summary>
    TokenVectors EncodeTokens(IReadOnlyList<string> texts, bool queries, CancellationToken cancellationToken);
}
