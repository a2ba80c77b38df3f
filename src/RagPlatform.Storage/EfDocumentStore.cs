using System.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using RagPlatform.Core.Documents;
using RagPlatform.Core.Indexing;
using RagPlatform.Core.Storage;
using RagPlatform.Storage.Entities;

namespace RagPlatform.Storage;

/// <summary>
/// <see cref="IDocumentStore"/> over EF Core: each call takes its own pooled context and is one transaction (an explicit
/// one begins IMMEDIATE on SQLite, so writers queue on the busy timeout instead of failing on upgrade).
/// </summary>
public sealed class EfDocumentStore(IDbContextFactory<RagDbContext> factory, TimeProvider time, ILogger logger) : IDocumentStore
{
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

    public Task SaveDocumentsAsync(IReadOnlyList<ParsedDocument> documents, CancellationToken cancellationToken) =>
        WriteVersionsAsync(documents, async (db, ids) =>
        {
            // Deleting the document row cascades to its text, pages, sections and chunks (ON DELETE CASCADE);
            // writing first also takes the write lock before anything is read.
            await db.Documents.Where(d => ids.Contains(d.Id)).ExecuteDeleteAsync(cancellationToken);
            await CollectionRows.AddMissingAsync(db, documents.Select(d => d.Info.Collection), time, cancellationToken);
            return document => db.Documents.Add(DocumentEntity.From(document.Info));
        }, cancellationToken);

    public Task ReplaceDocumentsAsync(IReadOnlyList<ParsedDocument> documents, CancellationToken cancellationToken) =>
        WriteVersionsAsync(documents, async (db, ids) =>
        {
            // The document rows stay (the new version's summary tree already hangs off them); everything else is replaced.
            // Deleting first also takes the write lock before anything is read.
            await db.Chunks.Where(c => ids.Contains(c.DocumentId)).ExecuteDeleteAsync(cancellationToken);
            await db.Sections.Where(s => ids.Contains(s.DocumentId)).ExecuteDeleteAsync(cancellationToken);
            await db.Pages.Where(p => ids.Contains(p.DocumentId)).ExecuteDeleteAsync(cancellationToken);
            await db.DocumentTexts.Where(t => ids.Contains(t.DocumentId)).ExecuteDeleteAsync(cancellationToken);
            var rows = await db.Documents.Where(d => ids.Contains(d.Id)).ToDictionaryAsync(d => d.Id, cancellationToken);
            return document =>
            {
                if (!rows.TryGetValue(document.Info.Id, out var row))
                {
                    throw new InvalidOperationException($"Document {document.Info.Id} was deleted while its new version was being indexed.");
                }

                row.CopyFrom(document.Info);
                db.Entry(row).State = EntityState.Modified;
            };
        }, cancellationToken);

    public async Task UpsertDocumentInfoAsync(DocumentInfo info, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await CollectionRows.AddMissingAsync(db, [info.Collection], time, cancellationToken);
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
        return await RowsPerDocument.CountAsync(db, db.Chunks.Select(c => c.DocumentId), collection, cancellationToken);
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

    /// <summary>
    /// Writes one version of each document in one transaction: <paramref name="prepare"/> clears what the version
    /// replaces and returns how each document's row is written; the text, pages, sections and chunks are added here.
    /// </summary>
    private async Task WriteVersionsAsync(
        IReadOnlyList<ParsedDocument> documents, Func<RagDbContext, Guid[], Task<Action<ParsedDocument>>> prepare, CancellationToken cancellationToken)
    {
        if (documents.Count == 0)
        {
            return;
        }

        foreach (var document in documents)
        {
            StorableText.EnsureStorable(document);
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        // Inserts and whole-row updates only: nothing to detect, and detecting over thousands of chunks costs more than the insert.
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var writeRow = await prepare(db, [.. documents.Select(d => d.Info.Id)]);

        var chunkCount = 0;
        foreach (var document in documents)
        {
            var id = document.Info.Id;
            writeRow(document);
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

    /// <summary>
    /// A read transaction that sees one snapshot across its statements. On SQLite, ReadUncommitted makes
    /// Microsoft.Data.Sqlite begin DEFERRED (a WAL snapshot, no write lock, no shared cache so no dirty reads);
    /// PostgreSQL needs RepeatableRead for one snapshot across the statements.
    /// </summary>
    private static Task<Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction> BeginSnapshotAsync(RagDbContext db, CancellationToken cancellationToken) =>
        db.Database.BeginTransactionAsync(db.Database.IsNpgsql() ? IsolationLevel.RepeatableRead : IsolationLevel.ReadUncommitted, cancellationToken);
}
