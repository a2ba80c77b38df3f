using System.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using RagPlatform.Core.Documents;
using RagPlatform.Core.Errors;
using RagPlatform.Core.Indexing;
using RagPlatform.Core.Jobs;
using RagPlatform.Core.Storage;
using RagPlatform.Core.Trees;
using RagPlatform.Storage.Entities;

namespace RagPlatform.Storage;

/// <summary>
/// <see cref="IMetadataStore"/> over EF Core. Each call takes its own pooled context, so the store is safe to use from
/// many threads at once; each method is one transaction (one statement, or an explicit transaction, which
/// Microsoft.Data.Sqlite begins IMMEDIATE, so writers queue on the busy timeout instead of failing on upgrade).
/// </summary>
public sealed class EfMetadataStore(IDbContextFactory<RagDbContext> factory, TimeProvider time, ILogger<EfMetadataStore> logger) : IMetadataStore
{
    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var provider = db.Database.IsNpgsql() ? "postgres" : "sqlite";
        if (provider == "sqlite")
        {
            // WAL lets readers (the server) go on while a writer (the CLI) commits; the mode is stored in the file.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }

        // Each provider's context type carries its own migrations (Migrations/ and Migrations/Postgres).
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).Count();
        await db.Database.MigrateAsync(cancellationToken);
        Log.Migrated(logger, provider, pending);
    }

    public async Task<IReadOnlyList<CollectionInfo>> ListCollectionsAsync(CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var rows = await db.Collections.AsNoTracking()
            .OrderBy(c => c.Name)
            .Select(c => new { c.Name, c.CreatedAt, Documents = db.Documents.Count(d => d.Collection == c.Name) })
            .ToListAsync(cancellationToken);
        return [.. rows.Select(r => new CollectionInfo(r.Name, r.Documents, r.CreatedAt))];
    }

    public async Task<CollectionInfo?> GetCollectionAsync(string name, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await GetCollectionAsync(db, name, cancellationToken);
    }

    public async Task<CollectionInfo> EnsureCollectionAsync(string name, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var existing = await GetCollectionAsync(db, name, cancellationToken);
        if (existing is not null)
        {
            return existing;
        }

        await InsertCollectionIfMissingAsync(db, name, cancellationToken);
        return await GetCollectionAsync(db, name, cancellationToken)
            ?? throw new InvalidOperationException($"The collection '{name}' could not be created.");
    }

    public async Task<bool> DeleteCollectionAsync(string name, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Documents and answers cascade from the collection row; they are removed explicitly so the outcome does not
        // depend on the connection's foreign-key setting. Job records stay as history.
        await db.Answers.Where(a => a.Collection == name).ExecuteDeleteAsync(cancellationToken);
        await db.Documents.Where(d => d.Collection == name).ExecuteDeleteAsync(cancellationToken);
        var removed = await db.Collections.Where(c => c.Name == name).ExecuteDeleteAsync(cancellationToken) > 0;
        await transaction.CommitAsync(cancellationToken);
        return removed;
    }

    public async Task RenameCollectionAsync(string name, string newName, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // The name is the key documents and answers refer to: the new row comes first, the old one goes last.
        var inserted = await db.Database.ExecuteSqlAsync(
            $"""INSERT INTO "Collections" ("Name", "CreatedAt") SELECT {newName}, "CreatedAt" FROM "Collections" WHERE "Name" = {name}""",
            cancellationToken);
        if (inserted == 0)
        {
            throw new NotFoundException($"No collection named '{name}'.");
        }

        await db.Documents.Where(d => d.Collection == name).ExecuteUpdateAsync(u => u.SetProperty(d => d.Collection, newName), cancellationToken);
        await db.Answers.Where(a => a.Collection == name).ExecuteUpdateAsync(u => u.SetProperty(a => a.Collection, newName), cancellationToken);
        await db.Jobs.Where(j => j.Collection == name).ExecuteUpdateAsync(u => u.SetProperty(j => j.Collection, newName), cancellationToken);
        await db.Collections.Where(c => c.Name == name).ExecuteDeleteAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<DocumentInfo>> ListDocumentsAsync(string collection, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var rows = await db.Documents.AsNoTracking()
            .Where(d => d.Collection == collection)
            .OrderBy(d => d.Source)
            .ToListAsync(cancellationToken);
        return [.. rows.Select(d => d.ToInfo())];
    }

    public async Task<IReadOnlyList<DocumentInfo>> ListDocumentsByStateAsync(DocumentState state, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var rows = await db.Documents.AsNoTracking()
            .Where(d => d.State == state)
            .OrderBy(d => d.Collection).ThenBy(d => d.Source)
            .ToListAsync(cancellationToken);
        return [.. rows.Select(d => d.ToInfo())];
    }

    public async Task<DocumentInfo?> GetDocumentAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var row = await db.Documents.AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, cancellationToken);
        return row?.ToInfo();
    }

    public async Task<DocumentInfo?> FindDocumentBySourceAsync(string collection, string source, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var row = await db.Documents.AsNoTracking()
            .FirstOrDefaultAsync(d => d.Collection == collection && d.Source == source, cancellationToken);
        return row?.ToInfo();
    }

    public async Task<StoredDocument?> GetStoredDocumentAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        // One read transaction, so the text, pages and sections belong to the same version of the document.
        await using var transaction = await BeginSnapshotAsync(db, cancellationToken);
        var document = await db.Documents.AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, cancellationToken);
        if (document is null)
        {
            return null;
        }

        var text = await db.DocumentTexts.AsNoTracking().Where(t => t.DocumentId == id).Select(t => t.Text).FirstOrDefaultAsync(cancellationToken);
        var pages = await db.Pages.AsNoTracking().Where(p => p.DocumentId == id).OrderBy(p => p.Number).ToListAsync(cancellationToken);
        var sections = await db.Sections.AsNoTracking().Where(s => s.DocumentId == id).OrderBy(s => s.Ordinal).ToListAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new StoredDocument(
            document.ToInfo(),
            text ?? string.Empty,
            [.. pages.Select(p => p.ToPage())],
            [.. sections.Select(s => s.ToSection())]);
    }

    public async Task SaveDocumentsAsync(IReadOnlyList<ParsedDocument> documents, CancellationToken cancellationToken)
    {
        if (documents.Count == 0)
        {
            return;
        }

        foreach (var document in documents)
        {
            EnsureStorable(document);
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        // Inserts only: nothing to detect, and detecting over thousands of chunks costs more than the insert.
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        // Deleting the document row cascades to its text, pages, sections and chunks (ON DELETE CASCADE);
        // writing first also takes the write lock before anything is read.
        var ids = documents.Select(d => d.Info.Id).ToArray();
        await db.Documents.Where(d => ids.Contains(d.Id)).ExecuteDeleteAsync(cancellationToken);
        await AddMissingCollectionsAsync(db, documents.Select(d => d.Info.Collection), cancellationToken);

        var chunkCount = 0;
        foreach (var document in documents)
        {
            var id = document.Info.Id;
            db.Documents.Add(DocumentEntity.From(document.Info));
            db.DocumentTexts.Add(new DocumentTextEntity { DocumentId = id, Text = document.Text.Text });
            db.Pages.AddRange(document.Text.Pages.Select(p => PageEntity.From(id, p)));
            db.Sections.AddRange(document.Text.Sections.Select((s, i) => SectionEntity.From(id, i, s)));
            db.Chunks.AddRange(document.Chunks.Select(ChunkEntity.From));
            chunkCount += document.Chunks.Count;
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        Log.DocumentsSaved(logger, documents.Count, chunkCount);
    }

    public async Task ReplaceDocumentsAsync(IReadOnlyList<ParsedDocument> documents, CancellationToken cancellationToken)
    {
        if (documents.Count == 0)
        {
            return;
        }

        foreach (var document in documents)
        {
            EnsureStorable(document);
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        // The document rows stay (the new version's summary tree already hangs off them); everything else is replaced.
        // Deleting first also takes the write lock before anything is read.
        var ids = documents.Select(d => d.Info.Id).ToArray();
        await db.Chunks.Where(c => ids.Contains(c.DocumentId)).ExecuteDeleteAsync(cancellationToken);
        await db.Sections.Where(s => ids.Contains(s.DocumentId)).ExecuteDeleteAsync(cancellationToken);
        await db.Pages.Where(p => ids.Contains(p.DocumentId)).ExecuteDeleteAsync(cancellationToken);
        await db.DocumentTexts.Where(t => ids.Contains(t.DocumentId)).ExecuteDeleteAsync(cancellationToken);
        var rows = await db.Documents.Where(d => ids.Contains(d.Id)).ToDictionaryAsync(d => d.Id, cancellationToken);

        var chunkCount = 0;
        foreach (var document in documents)
        {
            var id = document.Info.Id;
            if (!rows.TryGetValue(id, out var row))
            {
                throw new InvalidOperationException($"Document {id} was deleted while its new version was being indexed.");
            }

            row.CopyFrom(document.Info);
            db.Entry(row).State = EntityState.Modified;
            db.DocumentTexts.Add(new DocumentTextEntity { DocumentId = id, Text = document.Text.Text });
            db.Pages.AddRange(document.Text.Pages.Select(p => PageEntity.From(id, p)));
            db.Sections.AddRange(document.Text.Sections.Select((s, i) => SectionEntity.From(id, i, s)));
            db.Chunks.AddRange(document.Chunks.Select(ChunkEntity.From));
            chunkCount += document.Chunks.Count;
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        Log.DocumentsSaved(logger, documents.Count, chunkCount);
    }

    public async Task UpsertDocumentInfoAsync(DocumentInfo info, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await AddMissingCollectionsAsync(db, [info.Collection], cancellationToken);
        var row = await db.Documents.FirstOrDefaultAsync(d => d.Id == info.Id, cancellationToken);
        if (row is null)
        {
            db.Documents.Add(DocumentEntity.From(info));
        }
        else
        {
            row.CopyFrom(info);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task SetDocumentStatesAsync(IReadOnlyCollection<Guid> ids, DocumentState state, string? error, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return;
        }

        var array = ids.ToArray();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await db.Documents.Where(d => array.Contains(d.Id)).ExecuteUpdateAsync(
            s => s.SetProperty(d => d.State, state).SetProperty(d => d.Error, error).SetProperty(d => d.UpdatedAt, now),
            cancellationToken);
    }

    public async Task<IReadOnlyList<Chunk>> GetChunksAsync(Guid documentId, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var rows = await db.Chunks.AsNoTracking()
            .Where(c => c.DocumentId == documentId)
            .OrderBy(c => c.Ordinal)
            .ToListAsync(cancellationToken);
        return [.. rows.Select(c => c.ToChunk())];
    }

    public async Task<IReadOnlyDictionary<Guid, int>> GetChunkCountsAsync(string collection, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await CountPerDocumentAsync(db, db.Chunks.Select(c => c.DocumentId), collection, cancellationToken);
    }

    public async Task<IReadOnlySet<Guid>> GetIndexedIdsAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return new HashSet<Guid>();
        }

        var array = ids as Guid[] ?? [.. ids];
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var indexed = await db.Documents.AsNoTracking()
            .Where(d => array.Contains(d.Id) && d.State == DocumentState.Indexed)
            .Select(d => d.Id)
            .ToListAsync(cancellationToken);
        return indexed.ToHashSet();
    }

    public async Task<bool> DeleteDocumentAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        // One statement; the database cascades to the document's text, pages, sections and chunks.
        return await db.Documents.Where(d => d.Id == id).ExecuteDeleteAsync(cancellationToken) > 0;
    }

    public async Task SaveTreeAsync(SummaryTree tree, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.TreeNodes.Where(n => n.DocumentId == tree.DocumentId).ExecuteDeleteAsync(cancellationToken);
        db.TreeNodes.AddRange(tree.Nodes.Select(n => TreeNodeEntity.From(tree.DocumentId, n)));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<SummaryTree?> GetTreeAsync(Guid documentId, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var rows = await db.TreeNodes.AsNoTracking().Where(n => n.DocumentId == documentId).ToListAsync(cancellationToken);
        return rows.Count == 0 ? null : new SummaryTree(documentId, rows.Select(r => r.ToNode()));
    }

    public async Task<bool> HasTreeAsync(Guid documentId, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.TreeNodes.AnyAsync(n => n.DocumentId == documentId, cancellationToken);
    }

    public async Task DeleteTreesAsync(IReadOnlyCollection<Guid> documentIds, CancellationToken cancellationToken)
    {
        var ids = documentIds.ToArray();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await db.TreeNodes.Where(n => ids.Contains(n.DocumentId)).ExecuteDeleteAsync(cancellationToken);
    }

    public async Task<IReadOnlyDictionary<Guid, int>> GetTreeNodeCountsAsync(string collection, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await CountPerDocumentAsync(db, db.TreeNodes.Select(n => n.DocumentId), collection, cancellationToken);
    }

    public async Task AddJobAsync(JobInfo job, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        db.Jobs.Add(JobEntity.From(job));
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task UpdateJobAsync(JobInfo job, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var row = await db.Jobs.FirstOrDefaultAsync(j => j.Id == job.Id, cancellationToken);
        if (row is null)
        {
            db.Jobs.Add(JobEntity.From(job));
        }
        else if (job.WorkerId is not null && row.WorkerId != job.WorkerId)
        {
            // The job's lease expired and it was taken back (re-queued or claimed by another worker): the record is
            // no longer this worker's to write.
            Log.StaleJobWrite(logger, job.Id, job.WorkerId);
            return;
        }
        else
        {
            row.CopyFrom(job);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<JobInfo?> GetJobAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var row = await db.Jobs.AsNoTracking().FirstOrDefaultAsync(j => j.Id == id, cancellationToken);
        return row?.ToInfo();
    }

    public async Task<IReadOnlyList<JobInfo>> ListJobsAsync(int limit, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var rows = await db.Jobs.AsNoTracking()
            .OrderByDescending(j => j.CreatedAt).ThenByDescending(j => j.Id)
            .Take(Math.Max(0, limit))
            .ToListAsync(cancellationToken);
        return [.. rows.Select(j => j.ToInfo())];
    }

    /// <summary>The lease of a claim without a worker id: the server's own in-process worker.</summary>
    private static readonly TimeSpan s_serverLease = TimeSpan.FromMinutes(2);

    public Task<JobInfo?> ClaimNextJobAsync(DateTimeOffset now, CancellationToken cancellationToken)
        => ClaimNextJobAsync(JobWorkerId.ForThisProcess, now, s_serverLease, cancellationToken);

    public async Task<int> CountJobsAsync(JobState state, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.Jobs.CountAsync(j => j.State == state, cancellationToken);
    }

    public async Task<bool> RenewJobLeaseAsync(Guid id, string workerId, DateTimeOffset until, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await JobClaim.RenewAsync(db, id, workerId, until, cancellationToken);
    }

    public async Task<(int Requeued, int Failed)> ReleaseExpiredJobsAsync(DateTimeOffset now, int maxAttempts, string error, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await JobClaim.ReleaseExpiredAsync(db, now, maxAttempts, error, cancellationToken);
    }

    public async Task<JobInfo?> ClaimNextJobAsync(string workerId, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var id = await JobClaim.ClaimAsync(db, workerId, now, lease, cancellationToken);
        if (id is null)
        {
            return null;
        }

        Log.JobClaimed(logger, id.Value);
        var row = await db.Jobs.AsNoTracking().FirstAsync(j => j.Id == id.Value, cancellationToken);
        return row.ToInfo();
    }

    /// <summary>
    /// A read transaction that sees one snapshot across its statements. On SQLite, ReadUncommitted makes
    /// Microsoft.Data.Sqlite begin DEFERRED (a WAL snapshot, no write lock, no shared cache so no dirty reads);
    /// PostgreSQL needs RepeatableRead for one snapshot across the statements.
    /// </summary>
    private static Task<Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction> BeginSnapshotAsync(RagDbContext db, CancellationToken cancellationToken) =>
        db.Database.BeginTransactionAsync(db.Database.IsNpgsql() ? IsolationLevel.RepeatableRead : IsolationLevel.ReadUncommitted, cancellationToken);

    private static async Task<CollectionInfo?> GetCollectionAsync(RagDbContext db, string name, CancellationToken cancellationToken)
    {
        var row = await db.Collections.AsNoTracking()
            .Where(c => c.Name == name)
            .Select(c => new { c.Name, c.CreatedAt, Documents = db.Documents.Count(d => d.Collection == c.Name) })
            .FirstOrDefaultAsync(cancellationToken);
        return row is null ? null : new CollectionInfo(row.Name, row.Documents, row.CreatedAt);
    }

    private async Task AddMissingCollectionsAsync(RagDbContext db, IEnumerable<string> names, CancellationToken cancellationToken)
    {
        foreach (var name in names.Distinct(StringComparer.Ordinal))
        {
            await InsertCollectionIfMissingAsync(db, name, cancellationToken);
        }
    }

    /// <summary>
    /// Creates the collection row unless it exists, without failing when another transaction or process creates it
    /// at the same time (a read-then-insert would race under PostgreSQL's read committed).
    /// </summary>
    private async Task InsertCollectionIfMissingAsync(RagDbContext db, string name, CancellationToken cancellationToken)
    {
        var createdAt = time.GetUtcNow().UtcTicks;
        await db.Database.ExecuteSqlAsync(
            $"""INSERT INTO "Collections" ("Name", "CreatedAt") VALUES ({name}, {createdAt}) ON CONFLICT DO NOTHING""",
            cancellationToken);
    }

    /// <summary>
    /// Offsets are UTF-16 indices into the stored text, so the text must come back exactly as given. Both databases
    /// store UTF-8, which cannot hold a lone surrogate, and PostgreSQL refuses NUL; such text is refused here with a
    /// clear error instead of being altered silently. Decoders normalize those characters away.
    /// </summary>
    private static void EnsureStorable(ParsedDocument document)
    {
        var problem = Unstorable(document.Text.Text);
        if (problem is null)
        {
            foreach (var chunk in document.Chunks)
            {
                problem = Unstorable(chunk.Text);
                if (problem is not null)
                {
                    problem = $"chunk {chunk.Ordinal} {problem}";
                    break;
                }
            }
        }

        if (problem is not null)
        {
            throw new DocumentFormatException($"The normalized text of '{document.Info.Source}' cannot be stored: {problem}.");
        }
    }

    private static string? Unstorable(string text)
    {
        var span = text.AsSpan();
        for (var i = 0; i < span.Length; i++)
        {
            var c = span[i];
            if (c == '\0')
            {
                return $"contains a NUL character at offset {i}";
            }

            if (char.IsHighSurrogate(c) && i + 1 < span.Length && char.IsLowSurrogate(span[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                return $"contains an unpaired surrogate at offset {i}";
            }
        }

        return null;
    }

    /// <summary>Rows per document of <paramref name="collection"/>, given each row's document id (chunks, tree nodes).</summary>
    private static async Task<IReadOnlyDictionary<Guid, int>> CountPerDocumentAsync(
        RagDbContext db, IQueryable<Guid> rowDocumentIds, string collection, CancellationToken cancellationToken)
    {
        var rows = await (
                from id in rowDocumentIds
                join d in db.Documents on id equals d.Id
                where d.Collection == collection
                group id by id into g
                select new { Id = g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);
        return rows.ToDictionary(r => r.Id, r => r.Count);
    }
}
