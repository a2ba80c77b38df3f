using Microsoft.EntityFrameworkCore;
using RagPlatform.Core.Answering.History;
using RagPlatform.Storage.Entities;

namespace RagPlatform.Storage;

/// <summary><see cref="IAnswerHistory"/> over EF Core; each call takes its own pooled context.</summary>
public sealed class EfAnswerHistory(IDbContextFactory<RagDbContext> factory) : IAnswerHistory
{
    public async Task SaveAsync(StoredAnswer answer, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        db.Answers.Add(AnswerEntity.From(answer));
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<AnswerSummary>> ListAsync(string collection, int limit, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var rows = await db.Answers.AsNoTracking()
            .Where(a => a.Collection == collection)
            .OrderByDescending(a => a.CreatedAt).ThenByDescending(a => a.Id)
            .Take(limit)
            .Select(a => new { a.Id, a.Collection, a.Question, a.Strategy, a.CreatedAt, a.Supported, a.CitationCount, a.TookMs })
            .ToListAsync(cancellationToken);
        return [.. rows.Select(r => new AnswerSummary(r.Id, r.Collection, r.Question, r.Strategy, r.CreatedAt, r.Supported, r.CitationCount, r.TookMs))];
    }

    public async Task<StoredAnswer?> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var row = await db.Answers.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        return row?.ToStored();
    }

    public async Task<bool> DeleteAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.Answers.Where(a => a.Id == id).ExecuteDeleteAsync(cancellationToken) > 0;
    }
}
