namespace RagPlatform.Core.Indexing;

/// <summary>
/// A per-collection store of chunks that the ingestion pipeline writes (BM25, dense vectors, token vectors, trees).
/// Each call commits before it returns; one process writes a collection's index at a time.
/// </summary>
public interface IDocumentIndex
{
    /// <summary>Short name for errors and logs ("bm25", "dense", ...).</summary>
    string Name { get; }

    /// <summary>For each document, replaces all its chunks with the given ones; one commit for the whole batch.</summary>
    Task UpsertAsync(string collection, IReadOnlyList<IndexedDocument> documents, CancellationToken cancellationToken);

    /// <summary>
    /// Runs the part of <see cref="UpsertAsync"/> that touches no store (the dense writer's encoder), so the pipeline
    /// can compute batch n+1 while the stores write batch n; the returned write does the rest. Preparing writes
    /// nothing: a prepared write that is never committed leaves the index as it was. By default nothing runs ahead.
    /// </summary>
    Task<PreparedWrite> PrepareUpsertAsync(string collection, IReadOnlyList<IndexedDocument> documents, CancellationToken cancellationToken)
        => Task.FromResult(new PreparedWrite(ct => UpsertAsync(collection, documents, ct)));

    /// <summary>Removes every chunk of the documents and commits. Removing an absent document is not an error.</summary>
    Task DeleteAsync(string collection, IReadOnlyCollection<Guid> documentIds, CancellationToken cancellationToken);

    /// <summary>Committed chunk count per document id, for consistency checks after a crash.</summary>
    Task<IReadOnlyDictionary<Guid, int>> GetChunkCountsAsync(string collection, CancellationToken cancellationToken);

    /// <summary>Drops the collection's index entirely.</summary>
    Task DropCollectionAsync(string collection, CancellationToken cancellationToken);

    /// <summary>
    /// Moves the collection's committed index to <paramref name="newName"/> as it is (no re-embedding, no rewrite),
    /// replacing anything under the new name. A collection without an index is not an error.
    /// </summary>
    Task RenameCollectionAsync(string collection, string newName, CancellationToken cancellationToken);
}
