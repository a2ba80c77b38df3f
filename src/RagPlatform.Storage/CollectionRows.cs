using Microsoft.EntityFrameworkCore;
using RagPlatform.Core.Storage;

namespace RagPlatform.Storage;

/// <summary>The statements on collection rows that the collection and document stores both run inside their own transactions.</summary>
internal static class CollectionRows
{
    public static async Task<CollectionInfo?> GetAsync(RagDbContext db, string name, CancellationToken cancellationToken)
    {
        var row = await db.Collections.AsNoTracking()
            .Where(c => c.Name == name)
            .Select(c => new { c.Name, c.CreatedAt, Documents = db.Documents.Count(d => d.Collection == c.Name) })
            .FirstOrDefaultAsync(cancellationToken);
        return row is null ? null : new CollectionInfo(row.Name, row.Documents, row.CreatedAt);
    }

    public static async Task AddMissingAsync(RagDbContext db, IEnumerable<string> names, TimeProvider time, CancellationToken cancellationToken)
    {
        foreach (var name in names.Distinct(StringComparer.Ordinal))
        {
            await InsertIfMissingAsync(db, name, time, cancellationToken);
        }
    }

    /// <summary>
    /// Creates the collection row unless it exists, without failing when another transaction or process creates it
    /// at the same time (a read-then-insert would race under PostgreSQL's read committed).
    /// </summary>
    public static async Task InsertIfMissingAsync(RagDbContext db, string name, TimeProvider time, CancellationToken cancellationToken)
    {
        var createdAt = time.GetUtcNow().UtcTicks;
        await db.Database.ExecuteSqlAsync(
            $"""INSERT INTO "Collections" ("Name", "CreatedAt") VALUES ({name}, {createdAt}) ON CONFLICT DO NOTHING""",
            cancellationToken);
    }
}
