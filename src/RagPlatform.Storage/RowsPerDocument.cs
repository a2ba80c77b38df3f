using Microsoft.EntityFrameworkCore;

namespace RagPlatform.Storage;

/// <summary>Counts of rows that hang off documents (chunks, tree nodes), per document of one collection.</summary>
internal static class RowsPerDocument
{
    /// <summary>Rows per document of <paramref name="collection"/>, given each row's document id (chunks, tree nodes).</summary>
    public static async Task<IReadOnlyDictionary<Guid, int>> CountAsync(
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
