namespace RagPlatform.Core.Embeddings;

/// <summary>
/// Seam to the sentence vectors stored at index time (beside the token vectors, <see cref="ChunkVectors"/>), read by
/// the extractive answerer instead of encoding evidence sentences at question time.
/// </summary>
public interface ISentenceVectorIndex
{
    /// <summary>
    /// The stored vectors of the wanted sentence keys, looked for among the listed chunks first, then among every
    /// chunk of the listed documents; keys found nowhere are left out (the caller encodes those).
    /// </summary>
    IReadOnlyDictionary<UInt128, float[]> FindSentences(
        string collection, EmbeddingModelIdentity model, IReadOnlyCollection<string> chunkIds, IReadOnlyCollection<Guid> documentIds, IReadOnlyCollection<UInt128> keys);
}
