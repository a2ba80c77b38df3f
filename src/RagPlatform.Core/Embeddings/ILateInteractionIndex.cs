namespace RagPlatform.Core.Embeddings;

/// <summary>
/// Seam to the per-collection store of chunk token vectors (ColBERT-style late interaction), stored compressed and
/// scored by MaxSim. Like <see cref="IVectorIndex"/>, one model writes a collection's store.
/// </summary>
public interface ILateInteractionIndex
{
    /// <summary>For each document, replaces its chunks' token vectors ([tokens x dims] unit rows), then commits.</summary>
    void Upsert(string collection, EmbeddingModelIdentity model, IReadOnlyCollection<Guid> documentIds, IReadOnlyList<(string ChunkId, Guid DocumentId, float[] Tokens)> entries, CancellationToken cancellationToken);

    /// <summary>For each document, replaces its chunks' token and sentence vectors, then commits (one commit for the batch).</summary>
    void Upsert(string collection, EmbeddingModelIdentity model, IReadOnlyCollection<Guid> documentIds, IReadOnlyList<ChunkVectors> entries, CancellationToken cancellationToken);

    /// <summary>Removes the documents' token vectors and commits.</summary>
    void Delete(string collection, IReadOnlyCollection<Guid> documentIds, CancellationToken cancellationToken);

    /// <summary>MaxSim of the query's token vectors against each listed chunk (chunks without vectors are left out).</summary>
    IReadOnlyDictionary<string, double> Score(string collection, EmbeddingModelIdentity model, float[] queryTokens, IReadOnlyCollection<string> chunkIds);

    /// <summary>Committed chunk count per document.</summary>
    IReadOnlyDictionary<Guid, int> GetChunkCounts(string collection);

    /// <summary>Drops the collection's store.</summary>
    void DropCollection(string collection);

    /// <summary>Moves the collection's token vectors, as stored, to <paramref name="newName"/>.</summary>
    void RenameCollection(string collection, string newName);
}
