using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using RagPlatform.Core.Jobs;
using RagPlatform.Core.Storage;
using RagPlatform.Storage.Entities;

namespace RagPlatform.Storage;

/// <summary>
/// <see cref="IJobStore"/> over EF Core: records, claims (<see cref="JobClaim"/>) and leases; each call takes its own pooled
/// context and is one transaction.
/// </summary>
public sealed class EfJobStore(IDbContextFactory<RagDbContext> factory, ILogger logger) : IJobStore
{
    /// <summary>The lease of a claim without a worker id: the server's own in-process worker.</summary>
    private static readonly TimeSpan s_serverLease = TimeSpan.FromMinutes(2);

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
}
