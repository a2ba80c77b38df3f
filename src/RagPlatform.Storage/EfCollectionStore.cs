using Microsoft.EntityFrameworkCore;
using RagPlatform.Core.Errors;
using RagPlatform.Core.Storage;

namespace RagPlatform.Storage;

/// <summary>
/// <see cref="ICollectionStore"/> over EF Core: each call takes its own pooled context and is one transaction.
/// </summary>
public sealed class EfCollectionStore(IDbContextFactory<RagDbContext> factory, TimeProvider time) : ICollectionStore
{
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
        return await CollectionRows.GetAsync(db, name, cancellationToken);
    }

    public async Task<CollectionInfo> EnsureCollectionAsync(string name, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var existing = await CollectionRows.GetAsync(db, name, cancellationToken);
        if (existing is not null)
        {
            return existing;
        }

        await CollectionRows.InsertIfMissingAsync(db, name, time, cancellationToken);
        return await CollectionRows.GetAsync(db, name, cancellationToken)
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
}
