using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using RagPlatform.Core.Documents;
using RagPlatform.Core.Indexing;
using RagPlatform.Core.Jobs;
using RagPlatform.Core.Storage;
using RagPlatform.Core.Trees;

namespace RagPlatform.Storage;

/// <summary>
/// <see cref="IMetadataStore"/> over EF Core: the migration, and the four stores it is made of (collections,
/// documents, trees, jobs), each of which serves its narrow interface alone. Each call takes its own pooled context,
/// so the store is safe to use from many threads at once; each method is one transaction.
/// </summary>
public sealed class EfMetadataStore : IMetadataStore
{
    private readonly IDbContextFactory<RagDbContext> _factory;
    private readonly ILogger<EfMetadataStore> _logger;
    private readonly EfCollectionStore _collections;
    private readonly EfDocumentStore _documents;
    private readonly EfTreeStore _trees;
    private readonly EfJobStore _jobs;

    /// <summary>Creates the store over <paramref name="factory"/>; <paramref name="time"/> stamps new collection rows.</summary>
    public EfMetadataStore(IDbContextFactory<RagDbContext> factory, TimeProvider time, ILogger<EfMetadataStore> logger)
    {
        _factory = factory;
        _logger = logger;
        _collections = new EfCollectionStore(factory, time);
        _documents = new EfDocumentStore(factory, time, logger);
        _trees = new EfTreeStore(factory);
        _jobs = new EfJobStore(factory, logger);
    }

    /// <inheritdoc />
    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var db = await _factory.CreateDbContextAsync(cancellationToken);
        var provider = db.Database.IsNpgsql() ? "postgres" : "sqlite";
        if (provider == "sqlite")
        {
            // WAL lets readers (the server) go on while a writer (the CLI) commits; the mode is stored in the file.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }

        // Each provider's context type carries its own migrations (Migrations/ and Migrations/Postgres).
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).Count();
        await db.Database.MigrateAsync(cancellationToken);
        Log.Migrated(_logger, provider, pending);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<CollectionInfo>> ListCollectionsAsync(CancellationToken cancellationToken) => _collections.ListCollectionsAsync(cancellationToken);

    /// <inheritdoc />
    public Task<CollectionInfo?> GetCollectionAsync(string name, CancellationToken cancellationToken) => _collections.GetCollectionAsync(name, cancellationToken);

    /// <inheritdoc />
    public Task<CollectionInfo> EnsureCollectionAsync(string name, CancellationToken cancellationToken) => _collections.EnsureCollectionAsync(name, cancellationToken);

    /// <inheritdoc />
    public Task<bool> DeleteCollectionAsync(string name, CancellationToken cancellationToken) => _collections.DeleteCollectionAsync(name, cancellationToken);

    /// <inheritdoc />
    public Task RenameCollectionAsync(string name, string newName, CancellationToken cancellationToken) => _collections.RenameCollectionAsync(name, newName, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<DocumentInfo>> ListDocumentsAsync(string collection, CancellationToken cancellationToken) => _documents.ListDocumentsAsync(collection, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<DocumentInfo>> ListDocumentsByStateAsync(DocumentState state, CancellationToken cancellationToken) => _documents.ListDocumentsByStateAsync(state, cancellationToken);

    /// <inheritdoc />
    public Task<DocumentInfo?> GetDocumentAsync(Guid id, CancellationToken cancellationToken) => _documents.GetDocumentAsync(id, cancellationToken);

    /// <inheritdoc />
    public Task<DocumentInfo?> FindDocumentBySourceAsync(string collection, string source, CancellationToken cancellationToken) => _documents.FindDocumentBySourceAsync(collection, source, cancellationToken);

    /// <inheritdoc />
    public Task<StoredDocument?> GetStoredDocumentAsync(Guid id, CancellationToken cancellationToken) => _documents.GetStoredDocumentAsync(id, cancellationToken);

    /// <inheritdoc />
    public Task SaveDocumentsAsync(IReadOnlyList<ParsedDocument> documents, CancellationToken cancellationToken) => _documents.SaveDocumentsAsync(documents, cancellationToken);

    /// <inheritdoc />
    public Task ReplaceDocumentsAsync(IReadOnlyList<ParsedDocument> documents, CancellationToken cancellationToken) => _documents.ReplaceDocumentsAsync(documents, cancellationToken);

    /// <inheritdoc />
    public Task UpsertDocumentInfoAsync(DocumentInfo info, CancellationToken cancellationToken) => _documents.UpsertDocumentInfoAsync(info, cancellationToken);

    /// <inheritdoc />
    public Task SetDocumentStatesAsync(IReadOnlyCollection<Guid> ids, DocumentState state, string? error, DateTimeOffset now, CancellationToken cancellationToken) => _documents.SetDocumentStatesAsync(ids, state, error, now, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<Chunk>> GetChunksAsync(Guid documentId, CancellationToken cancellationToken) => _documents.GetChunksAsync(documentId, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyDictionary<Guid, int>> GetChunkCountsAsync(string collection, CancellationToken cancellationToken) => _documents.GetChunkCountsAsync(collection, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlySet<Guid>> GetIndexedIdsAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken) => _documents.GetIndexedIdsAsync(ids, cancellationToken);

    /// <inheritdoc />
    public Task<bool> DeleteDocumentAsync(Guid id, CancellationToken cancellationToken) => _documents.DeleteDocumentAsync(id, cancellationToken);

    /// <inheritdoc />
    public Task SaveTreeAsync(SummaryTree tree, CancellationToken cancellationToken) => _trees.SaveTreeAsync(tree, cancellationToken);

    /// <inheritdoc />
    public Task<SummaryTree?> GetTreeAsync(Guid documentId, CancellationToken cancellationToken) => _trees.GetTreeAsync(documentId, cancellationToken);

    /// <inheritdoc />
    public Task<bool> HasTreeAsync(Guid documentId, CancellationToken cancellationToken) => _trees.HasTreeAsync(documentId, cancellationToken);

    /// <inheritdoc />
    public Task DeleteTreesAsync(IReadOnlyCollection<Guid> documentIds, CancellationToken cancellationToken) => _trees.DeleteTreesAsync(documentIds, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyDictionary<Guid, int>> GetTreeNodeCountsAsync(string collection, CancellationToken cancellationToken) => _trees.GetTreeNodeCountsAsync(collection, cancellationToken);

    /// <inheritdoc />
    public Task AddJobAsync(JobInfo job, CancellationToken cancellationToken) => _jobs.AddJobAsync(job, cancellationToken);

    /// <inheritdoc />
    public Task UpdateJobAsync(JobInfo job, CancellationToken cancellationToken) => _jobs.UpdateJobAsync(job, cancellationToken);

    /// <inheritdoc />
    public Task<JobInfo?> GetJobAsync(Guid id, CancellationToken cancellationToken) => _jobs.GetJobAsync(id, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<JobInfo>> ListJobsAsync(int limit, CancellationToken cancellationToken) => _jobs.ListJobsAsync(limit, cancellationToken);

    /// <inheritdoc />
    public Task<JobInfo?> ClaimNextJobAsync(DateTimeOffset now, CancellationToken cancellationToken) => _jobs.ClaimNextJobAsync(now, cancellationToken);

    /// <inheritdoc />
    public Task<JobInfo?> ClaimNextJobAsync(string workerId, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken) => _jobs.ClaimNextJobAsync(workerId, now, lease, cancellationToken);

    /// <inheritdoc />
    public Task<int> CountJobsAsync(JobState state, CancellationToken cancellationToken) => _jobs.CountJobsAsync(state, cancellationToken);

    /// <inheritdoc />
    public Task<bool> RenewJobLeaseAsync(Guid id, string workerId, DateTimeOffset until, CancellationToken cancellationToken) => _jobs.RenewJobLeaseAsync(id, workerId, until, cancellationToken);

    /// <inheritdoc />
    public Task<(int Requeued, int Failed)> ReleaseExpiredJobsAsync(DateTimeOffset now, int maxAttempts, string error, CancellationToken cancellationToken) => _jobs.ReleaseExpiredJobsAsync(now, maxAttempts, error, cancellationToken);
}
