using Microsoft.EntityFrameworkCore;
using RagPlatform.Storage.Entities;

namespace RagPlatform.Storage;

/// <summary>The audit trail table: append, read newest first, prune by age. Each call takes its own pooled context.</summary>
public sealed class EfAuditTrail(IDbContextFactory<RagDbContext> factory)
{
    public async Task AppendAsync(AuditRecord record, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        db.Audit.Add(new AuditEntity
        {
            Id = record.Id,
            At = record.At,
            Actor = record.Actor,
            Action = record.Action,
            Collection = record.Collection,
            DocumentId = record.DocumentId,
            Text = record.Text,
            Detail = record.Detail,
        });
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The newest rows first, at most <paramref name="limit"/>, optionally of one actor or action only.</summary>
    public async Task<IReadOnlyList<AuditRecord>> ListAsync(string? actor, string? action, int limit, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var rows = db.Audit.AsNoTracking();
        if (!string.IsNullOrEmpty(actor))
        {
            rows = rows.Where(a => a.Actor == actor);
        }

        if (!string.IsNullOrEmpty(action))
        {
            rows = rows.Where(a => a.Action == action);
        }

        var list = await rows.OrderByDescending(a => a.At).ThenByDescending(a => a.Id).Take(limit).ToListAsync(cancellationToken);
        return [.. list.Select(a => new AuditRecord(a.Id, a.At, a.Actor, a.Action, a.Collection, a.DocumentId, a.Text, a.Detail))];
    }

    /// <summary>Deletes the rows older than <paramref name="before"/>; returns how many.</summary>
    public async Task<int> PruneAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.Audit.Where(a => a.At < before).ExecuteDeleteAsync(cancellationToken);
    }
}
