using RagPlatform.Core.Jobs;

namespace RagPlatform.Core.Storage;

/// <summary>The job table of the metadata database: records, claims and leases; each method is one transaction.</summary>
public interface IJobStore
{
    /// <summary>Stores a new job.</summary>
    Task AddJobAsync(JobInfo job, CancellationToken cancellationToken);

    /// <summary>Replaces a job's record.</summary>
    Task UpdateJobAsync(JobInfo job, CancellationToken cancellationToken);

    /// <summary>The job, or null.</summary>
    Task<JobInfo?> GetJobAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>Jobs, newest first.</summary>
    Task<IReadOnlyList<JobInfo>> ListJobsAsync(int limit, CancellationToken cancellationToken);

    /// <summary>Atomically moves the oldest Queued job to Running and returns it, or null when none waits.</summary>
    Task<JobInfo?> ClaimNextJobAsync(DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Atomically moves the oldest Queued job whose collection has no live Running job to Running, leased to
    /// <paramref name="workerId"/> until <paramref name="now"/> + <paramref name="lease"/>; null when none can start.
    /// </summary>
    Task<JobInfo?> ClaimNextJobAsync(string workerId, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken);

    /// <summary>How many jobs are in <paramref name="state"/>.</summary>
    Task<int> CountJobsAsync(JobState state, CancellationToken cancellationToken);

    /// <summary>Extends a running job's lease to <paramref name="until"/>; false when the job is no longer <paramref name="workerId"/>'s.</summary>
    Task<bool> RenewJobLeaseAsync(Guid id, string workerId, DateTimeOffset until, CancellationToken cancellationToken);

    /// <summary>
    /// Re-queues the Running jobs whose lease passed before <paramref name="now"/> (their worker died), or fails them
    /// with <paramref name="error"/> once they were started <paramref name="maxAttempts"/> times.
    /// </summary>
    Task<(int Requeued, int Failed)> ReleaseExpiredJobsAsync(DateTimeOffset now, int maxAttempts, string error, CancellationToken cancellationToken);
}
