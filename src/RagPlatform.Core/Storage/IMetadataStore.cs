using RagPlatform.Core.Documents;
using RagPlatform.Core.Indexing;
using RagPlatform.Core.Jobs;
using RagPlatform.Core.Trees;

namespace RagPlatform.Core.Storage;

/// <summary>
/// Seam to the metadata database (EF Core in RagPlatform.Storage): collections, documents with their text, pages,
/// sections, chunks and summary trees, and jobs. Each method is one transaction.
/// </summary>
public interface IMetadataStore
{
    /// <summary>Creates the schema or applies pending migrations.</summary>
    Task MigrateAsync(CancellationToken cancellationToken);

    /// <summary>All collections with their document counts.</summary>
    Task<IReadOnlyList<CollectionInfo>> ListCollectionsAsync(CancellationToken cancellationToken);

    /// <summary>The collection, or null.</summary>
    Task<CollectionInfo?> GetCollectionAsync(string name, CancellationToken cancellationToken);

    /// <summary>Creates the collection when missing; returns it either way.</summary>
    Task<CollectionInfo> EnsureCollectionAsync(string name, CancellationToken cancellationToken);

    /// <summary>
    /// Removes the collection row with its documents (and everything they own) and its answer history, in one
    /// transaction; false when it did not exist. The caller removes the documents' index entries and files.
    /// </summary>
    Task<bool> DeleteCollectionAsync(string name, CancellationToken cancellationToken);

    /// <summary>
    /// Renames a collection in one transaction: the collection row (keeping its creation time), its documents, its
    /// answer history and its jobs move to <paramref name="newName"/>, which must not exist. The caller rewrites the indexes.
    /// </summary>
    Task RenameCollectionAsync(string name, string newName, CancellationToken cancellationToken);

    /// <summary>Documents of a collection, ordered by source.</summary>
    Task<IReadOnlyList<DocumentInfo>> ListDocumentsAsync(string collection, CancellationToken cancellationToken);

    /// <summary>Documents in a given state, across collections (for recovery and the worker).</summary>
    Task<IReadOnlyList<DocumentInfo>> ListDocumentsByStateAsync(DocumentState state, CancellationToken cancellationToken);

    /// <summary>The document's metadata, or null.</summary>
    Task<DocumentInfo?> GetDocumentAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>The document of a collection with this source, or null.</summary>
    Task<DocumentInfo?> FindDocumentBySourceAsync(string collection, string source, CancellationToken cancellationToken);

    /// <summary>The document with its text, pages and sections, or null.</summary>
    Task<StoredDocument?> GetStoredDocumentAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>Inserts or replaces each document with its text, pages, sections and chunks, in one transaction.</summary>
    Task SaveDocumentsAsync(IReadOnlyList<ParsedDocument> documents, CancellationToken cancellationToken);

    /// <summary>
    /// Commits new versions of existing documents in one transaction: each document's metadata as given (hash, state,
    /// error), text, pages, sections and chunks. Rows that hang off the document and were written for the new version
    /// before this commit (its summary tree) are kept, unlike <see cref="SaveDocumentsAsync"/>, which recreates the row.
    /// </summary>
    Task ReplaceDocumentsAsync(IReadOnlyList<ParsedDocument> documents, CancellationToken cancellationToken);

    /// <summary>Inserts or updates only the document's metadata (for Queued and Failed records without text).</summary>
    Task UpsertDocumentInfoAsync(DocumentInfo info, CancellationToken cancellationToken);

    /// <summary>Sets the documents' state and error (and UpdatedAt) in one transaction.</summary>
    Task SetDocumentStatesAsync(IReadOnlyCollection<Guid> ids, DocumentState state, string? error, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>The document's chunks in order.</summary>
    Task<IReadOnlyList<Chunk>> GetChunksAsync(Guid documentId, CancellationToken cancellationToken);

    /// <summary>Chunk count per document of a collection (every state).</summary>
    Task<IReadOnlyDictionary<Guid, int>> GetChunkCountsAsync(string collection, CancellationToken cancellationToken);

    /// <summary>The subset of <paramref name="ids"/> that are Indexed (servable).</summary>
    Task<IReadOnlySet<Guid>> GetIndexedIdsAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken);

    /// <summary>Removes the document and everything it owns; false when it did not exist.</summary>
    Task<bool> DeleteDocumentAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>Replaces the document's summary tree with the given one, in one transaction.</summary>
    Task SaveTreeAsync(SummaryTree tree, CancellationToken cancellationToken);

    /// <summary>The document's summary tree, or null when it has none.</summary>
    Task<SummaryTree?> GetTreeAsync(Guid documentId, CancellationToken cancellationToken);

    /// <summary>Whether the document has a stored summary tree (one cheap query; the nodes are not read).</summary>
    Task<bool> HasTreeAsync(Guid documentId, CancellationToken cancellationToken);

    /// <summary>Removes the documents' summary trees (deleting a document removes its tree too).</summary>
    Task DeleteTreesAsync(IReadOnlyCollection<Guid> documentIds, CancellationToken cancellationToken);

    /// <summary>Tree node count per document of a collection that has a tree.</summary>
    Task<IReadOnlyDictionary<Guid, int>> GetTreeNodeCountsAsync(string collection, CancellationToken cancellationToken);

    /// <summary>Stores a new job.</summary>
    Task AddJobAsync(JobInfo job, CancellationToken cancellationToken);

    /// <summary>Replaces a job's record.</summary>
    Task UpdateJobAsync(JobInfo job, CancellationToken cancellationToken);

    /// <summary>The job, or null.</summary>
    Task<JobInfo?> GetJobAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>Jobs, newest first.</summary>
    Task<IReadOnlyList<JobInfo>> ListJobsAsync(int limit, CancellationToken cancellationToken);

    /// <summary>Atomically moves the oldest Queued job to Running and returns it, or null when none waits.</summary>
    Task<JobInfo?> ClaimNextJobAsync(DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Atomically moves the oldest Queued job whose collection has no live Running job to Running, leased to
    /// <paramref name="workerId"/> until <paramref name="now"/> + <paramref name="lease"/>; null when none can start.
    /// </summary>
    Task<JobInfo?> ClaimNextJobAsync(string workerId, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken);

    /// <summary>How many jobs are in <paramref name="state"/>.</summary>
    Task<int> CountJobsAsync(JobState state, CancellationToken cancellationToken);

    /// <summary>Extends a running job's lease to <paramref name="until"/>; false when the job is no longer <paramref name="workerId"/>'s.</summary>
    Task<bool> RenewJobLeaseAsync(Guid id, string workerId, DateTimeOffset until, CancellationToken cancellationToken);

    /// <summary>
    /// Re-queues the Running jobs whose lease passed before <paramref name="now"/> (their worker died), or fails them
    /// with <paramref name="error"/> once they were started <paramref name="maxAttempts"/> times.
    /// </summary>
    Task<(int Requeued, int Failed)> ReleaseExpiredJobsAsync(DateTimeOffset now, int maxAttempts, string error, CancellationToken cancellationToken);
}
