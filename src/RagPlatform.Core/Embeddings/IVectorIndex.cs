namespace RagPlatform.Core.Embeddings;

/// <summary>
/// Seam to the per-collection approximate nearest-neighbour store of chunk vectors (USearch HNSW). Every vector of
/// a collection comes from one model; opening or writing with another is refused with
/// <see cref="Errors.IndexUnavailableException"/>.
/// </summary>
public interface IVectorIndex
{
    /// <summary>For each document, replaces all its vectors with the given ones, then commits.</summary>
    void Upsert(string collection, EmbeddingModelIdentity model, IReadOnlyCollection<Guid> documentIds, IReadOnlyList<VectorEntry> entries, CancellationToken cancellationToken);

    /// <summary>Removes every vector of the documents and commits; absent documents are ignored.</summary>
    void Delete(string collection, IReadOnlyCollection<Guid> documentIds, CancellationToken cancellationToken);

    /// <summary>The <paramref name="top"/> closest chunks; empty when the collection has no dense index.</summary>
    IReadOnlyList<VectorMatch> Search(string collection, EmbeddingModelIdentity model, ReadOnlySpan<float> query, int top);

    /// <summary>
    /// Exact cosine similarity of <paramref name="query"/> (unit length) with each listed chunk's stored vector, so a
    /// fused candidate another retriever found gets a dense score too; chunks without a vector are left out.
    /// </summary>
    IReadOnlyDictionary<string, double> Score(string collection, EmbeddingModelIdentity model, ReadOnlySpan<float> query, IReadOnlyCollection<string> chunkIds);

    /// <summary>Committed vector count per document.</summary>
    IReadOnlyDictionary<Guid, int> GetChunkCounts(string collection);

    /// <summary>Drops the collection's vectors.</summary>
    void DropCollection(string collection);

    /// <summary>Moves the collection's vectors, as stored, to <paramref name="newName"/>.</summary>
    void RenameCollection(string collection, string newName);
}
