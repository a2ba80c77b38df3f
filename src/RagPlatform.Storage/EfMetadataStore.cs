using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RagPlatform.Core.Documents;
using RagPlatform.Core.Indexing;
using RagPlatform.Core.Jobs;
using RagPlatform.Core.Storage;
using RagPlatform.Storage.Entities;

namespace RagPlatform.Storage;

/// <summary>
/// Core's metadata seam over EF Core. Every method uses its own short-lived context from the pooled factory, so the
/// store is safe to call from many threads at once; each method is one transaction.
/// </summary>
internal sealed class EfMetadataStore(IDbContextFactory<RagDbContext> contexts, IOptions<StorageOptions> options, TimeProvider time) : IMetadataStore
{
    private static readonly string s_indexed = nameof(DocumentState.Indexed);
    private static readonly string s_queued = nameof(JobState.Queued);

    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (db.Database.IsSqlite())
        {
            Directory.CreateDirectory(Path.GetFullPath(options.Value.DataDirectory));
            await db.Database.MigrateAsync(cancellationToken);
            // WAL lets the CLI read while the server writes; the setting is stored in the file.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
        else
        {
            // The committed migrations are SQLite's; PostgreSQL gets the same model created directly.
            await db.Database.EnsureCreatedAsync(cancellationToken);
        }
    }

    public async Task<IReadOnlyList<CollectionInfo>> ListCollectionsAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.Collections.AsNoTracking().OrderBy(c => c.Name)
            .Select(c => new { c.Name, c.CreatedAt, Count = db.Documents.Count(d => d.Collection == c.Name) })
            .ToListAsync(cancellationToken);
        return [.. rows.Select(r => new CollectionInfo(r.Name, r.Count, RowMapping.Time(r.CreatedAt)))];
    }

    public async Task<CollectionInfo?> GetCollectionAsync(string name, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.Collections.AsNoTracking().FirstOrDefaultAsync(c => c.Name == name, cancellationToken);
        if (row is null)
        {
            return null;
        }

        var count = await db.Documents.CountAsync(d => d.Collection == name, cancellationToken);
        return new CollectionInfo(row.Name, count, RowMapping.Time(row.CreatedAt));
    }

    public async Task<CollectionInfo> EnsureCollectionAsync(string name, CancellationToken cancellationToken)
    {
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            if (!await db.Collections.AnyAsync(c => c.Name == name, cancellationToken))
            {
                db.Collections.Add(new CollectionRow { Name = name, CreatedAt = RowMapping.Ticks(time.GetUtcNow()) });
                try
                {
                    await db.SaveChangesAsync(cancellationToken);
                }
                catch (DbUpdateException)
                {
                    // Another writer created it first; that is the outcome we wanted.
                }
            }
        }

        return (await GetCollectionAsync(name, cancellationToken))!;
    }

    public async Task<IReadOnlyList<DocumentInfo>> ListDocumentsAsync(string collection, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.Documents.AsNoTracking().Where(d => d.Collection == collection).OrderBy(d => d.Source).ToListAsync(cancellationToken);
        return [.. rows.Select(RowMapping.ToInfo)];
    }

    public async Task<IReadOnlyList<DocumentInfo>> ListDocumentsByStateAsync(DocumentState state, CancellationToken cancellationToken)
    {
        var name = state.ToString();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.Documents.AsNoTracking().Where(d => d.State == name).OrderBy(d => d.Collection).ThenBy(d => d.Source).ToListAsync(cancellationToken);
        return [.. rows.Select(RowMapping.ToInfo)];
    }

    public async Task<DocumentInfo?> GetDocumentAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.Documents.AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, cancellationToken);
        return row is null ? null : RowMapping.ToInfo(row);
    }

    public async Task<DocumentInfo?> FindDocumentBySourceAsync(string collection, string source, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.Documents.AsNoTracking().FirstOrDefaultAsync(d => d.Collection == collection && d.Source == source, cancellationToken);
        return row is null ? null : RowMapping.ToInfo(row);
    }

    public async Task<StoredDocument?> GetStoredDocumentAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.Documents.AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, cancellationToken);
        var text = await db.Texts.AsNoTracking().FirstOrDefaultAsync(t => t.DocumentId == id, cancellationToken);
        if (row is null || text is null)
        {
            return null;
        }

        var pages = await db.Pages.AsNoTracking().Where(p => p.DocumentId == id).OrderBy(p => p.Number).ToListAsync(cancellationToken);
        var sections = await db.Sections.AsNoTracking().Where(s => s.DocumentId == id).OrderBy(s => s.Ordinal).ToListAsync(cancellationToken);
        return new StoredDocument(
            RowMapping.ToInfo(row),
            text.Text,
            [.. pages.Select(p => new PageSpan(p.Number, p.CharStart, p.CharEnd))],
            [.. sections.Select(s => new Section(s.Title, s.Number, s.Level, s.CharStart, s.CharEnd, s.Path))]);
    }

    public async Task SaveDocumentsAsync(IReadOnlyList<ParsedDocument> documents, CancellationToken cancellationToken)
    {
        if (documents.Count == 0)
        {
            return;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var ids = documents.Select(d => d.Info.Id).ToList();
        await db.Chunks.Where(c => ids.Contains(c.DocumentId)).ExecuteDeleteAsync(cancellationToken);
        await db.Pages.Where(p => ids.Contains(p.DocumentId)).ExecuteDeleteAsync(cancellationToken);
        await db.Sections.Where(s => ids.Contains(s.DocumentId)).ExecuteDeleteAsync(cancellationToken);
        await db.Texts.Where(t => ids.Contains(t.DocumentId)).ExecuteDeleteAsync(cancellationToken);
        var existing = await db.Documents.Where(d => ids.Contains(d.Id)).ToDictionaryAsync(d => d.Id, cancellationToken);

        foreach (var document in documents)
        {
            if (existing.TryGetValue(document.Info.Id, out var row))
            {
                RowMapping.Copy(document.Info, row);
                db.Entry(row).State = EntityState.Modified;
            }
            else
            {
                db.Documents.Add(RowMapping.ToRow(document.Info));
            }

            db.Texts.Add(new DocumentTextRow { DocumentId = document.Info.Id, Text = document.Text.Text });
            db.Pages.AddRange(document.Text.Pages.Select(p => new PageRow { DocumentId = document.Info.Id, Number = p.Number, CharStart = p.CharStart, CharEnd = p.CharEnd }));
            db.Sections.AddRange(document.Text.Sections.Select((s, i) => new SectionRow
            {
                DocumentId = document.Info.Id,
                Ordinal = i,
                Title = s.Title,
                Number = s.Number,
                Level = s.Level,
                CharStart = s.CharStart,
                CharEnd = s.CharEnd,
                Path = s.Path,
            }));
            db.Chunks.AddRange(document.Chunks.Select(RowMapping.ToRow));
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task UpsertDocumentInfoAsync(DocumentInfo info, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.Documents.FirstOrDefaultAsync(d => d.Id == info.Id, cancellationToken);
        if (row is null)
        {
            db.Documents.Add(RowMapping.ToRow(info));
        }
        else
        {
            RowMapping.Copy(info, row);
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task SetDocumentStatesAsync(IReadOnlyCollection<Guid> ids, DocumentState state, string? error, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var name = state.ToString();
        var ticks = RowMapping.Ticks(now);
        var list = ids.ToList();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Documents.Where(d => list.Contains(d.Id)).ExecuteUpdateAsync(
            s => s.SetProperty(d => d.State, name).SetProperty(d => d.Error, error).SetProperty(d => d.UpdatedAt, ticks),
            cancellationToken);
    }

    public async Task<IReadOnlyList<Chunk>> GetChunksAsync(Guid documentId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.Chunks.AsNoTracking().Where(c => c.DocumentId == documentId).OrderBy(c => c.Ordinal).ToListAsync(cancellationToken);
        return [.. rows.Select(RowMapping.ToChunk)];
    }

    public async Task<IReadOnlyDictionary<Guid, int>> GetChunkCountsAsync(string collection, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var counts = await db.Chunks.AsNoTracking()
            .Join(db.Documents.Where(d => d.Collection == collection), c => c.DocumentId, d => d.Id, (c, d) => c.DocumentId)
            .GroupBy(id => id)
            .Select(g => new { Id = g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);
        return counts.ToDictionary(c => c.Id, c => c.Count);
    }

    public async Task<IReadOnlySet<Guid>> GetIndexedIdsAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return new HashSet<Guid>();
        }

        var list = ids.ToList();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var found = await db.Documents.AsNoTracking().Where(d => list.Contains(d.Id) && d.State == s_indexed).Select(d => d.Id).ToListAsync(cancellationToken);
        return found.ToHashSet();
    }

    public async Task<bool> DeleteDocumentAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Chunks.Where(c => c.DocumentId == id).ExecuteDeleteAsync(cancellationToken);
        await db.Pages.Where(p => p.DocumentId == id).ExecuteDeleteAsync(cancellationToken);
        await db.Sections.Where(s => s.DocumentId == id).ExecuteDeleteAsync(cancellationToken);
        await db.Texts.Where(t => t.DocumentId == id).ExecuteDeleteAsync(cancellationToken);
        var deleted = await db.Documents.Where(d => d.Id == id).ExecuteDeleteAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return deleted > 0;
    }

    public async Task AddJobAsync(JobInfo job, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = new JobRow { Id = job.Id, Collection = job.Collection, Path = job.Path, State = job.State.ToString() };
        RowMapping.Copy(job, row);
        db.Jobs.Add(row);
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task UpdateJobAsync(JobInfo job, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.Jobs.FirstOrDefaultAsync(j => j.Id == job.Id, cancellationToken);
        if (row is null)
        {
            row = new JobRow { Id = job.Id, Collection = job.Collection, Path = job.Path, State = job.State.ToString() };
            db.Jobs.Add(row);
        }

        RowMapping.Copy(job, row);
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<JobInfo?> GetJobAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.Jobs.AsNoTracking().FirstOrDefaultAsync(j => j.Id == id, cancellationToken);
        return row is null ? null : RowMapping.ToJob(row);
    }

    public async Task<IReadOnlyList<JobInfo>> ListJobsAsync(int limit, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.Jobs.AsNoTracking().OrderByDescending(j => j.CreatedAt).Take(limit).ToListAsync(cancellationToken);
        return [.. rows.Select(RowMapping.ToJob)];
    }

    public async Task<JobInfo?> ClaimNextJobAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var running = nameof(JobState.Running);
        var ticks = RowMapping.Ticks(now);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        while (true)
        {
            var candidate = await db.Jobs.AsNoTracking().Where(j => j.State == s_queued).OrderBy(j => j.CreatedAt)
                .Select(j => (Guid?)j.Id).FirstOrDefaultAsync(cancellationToken);
            if (candidate is not { } id)
            {
                return null;
            }

            // Compare-and-set: of several workers that saw the same job, exactly one moves it out of Queued.
            var claimed = await db.Jobs.Where(j => j.Id == id && j.State == s_queued).ExecuteUpdateAsync(
                s => s.SetProperty(j => j.State, running).SetProperty(j => j.StartedAt, ticks),
                cancellationToken);
            if (claimed == 1)
            {
                var row = await db.Jobs.AsNoTracking().FirstAsync(j => j.Id == id, cancellationToken);
                return RowMapping.ToJob(row);
            }
        }
    }
}
