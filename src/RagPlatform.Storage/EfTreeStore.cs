using Microsoft.EntityFrameworkCore;
using RagPlatform.Core.Storage;
using RagPlatform.Core.Trees;
using RagPlatform.Storage.Entities;

namespace RagPlatform.Storage;

/// <summary>
/// <see cref="ITreeStore"/> over EF Core: each call takes its own pooled context and is one transaction.
/// </summary>
public sealed class EfTreeStore(IDbContextFactory<RagDbContext> factory) : ITreeStore
{
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
        return await RowsPerDocument.CountAsync(db, db.TreeNodes.Select(n => n.DocumentId), collection, cancellationToken);
    }
}
