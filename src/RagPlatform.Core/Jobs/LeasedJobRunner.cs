using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RagPlatform.Core.Diagnostics;
using RagPlatform.Core.Storage;

namespace RagPlatform.Core.Jobs;

/// <summary>
/// One turn of a worker: takes back the jobs of dead workers (expired leases), claims the next job that may start
/// (its collection has no live job), runs it while a heartbeat renews its lease, and stops the run if the lease is
/// lost (another worker has taken the job over, so this one must not write on).
/// </summary>
public sealed class LeasedJobRunner(IMetadataStore store, JobRunner runner, IOptions<WorkerOptions> options, TimeProvider time, ILogger<LeasedJobRunner> logger)
{
    /// <summary>The error of a job whose worker died <see cref="JobRunner.MaxAttempts"/> times while running it.</summary>
    public const string WorkerDiedError = "its worker stopped renewing the lease (the process died) on every attempt; not retried — fix or remove the input and submit it again";

    private readonly WorkerOptions _options = options.Value;

    /// <summary>Re-queues (or fails) the Running jobs whose worker stopped renewing the lease.</summary>
    public async Task<(int Requeued, int Failed)> ReleaseExpiredAsync(CancellationToken cancellationToken)
    {
        var released = await store.ReleaseExpiredJobsAsync(time.GetUtcNow(), JobRunner.MaxAttempts, WorkerDiedError, cancellationToken);
        if (released.Requeued + released.Failed > 0)
        {
            Log.LeasesExpired(logger, released.Requeued, released.Failed);
        }

        return released;
    }

    /// <summary>Claims and runs one job as <paramref name="workerId"/>; returns its final record, or null when no job could start.</summary>
    public async Task<JobInfo?> RunNextAsync(string workerId, CancellationToken cancellationToken)
        => await ClaimAsync(workerId, cancellationToken) is { } job ? await RunAsync(job, workerId, cancellationToken) : null;

    /// <summary>Takes back dead workers' jobs, then claims the next job that may start, leased to <paramref name="workerId"/>; null when none can.</summary>
    public async Task<JobInfo?> ClaimAsync(string workerId, CancellationToken cancellationToken)
    {
        await ReleaseExpiredAsync(cancellationToken);
        var job = await store.ClaimNextJobAsync(workerId, time.GetUtcNow(), TimeSpan.FromSeconds(_options.LeaseSeconds), cancellationToken);
        RagMetrics.ReportQueued(await store.CountJobsAsync(JobState.Queued, cancellationToken));
        if (job is not null)
        {
            Log.JobLeased(logger, job.Id, job.Collection, workerId);
        }

        return job;
    }

    /// <summary>Runs a job this worker claimed, renewing its lease until the run ends; returns the final record.</summary>
    public async Task<JobInfo> RunAsync(JobInfo job, string workerId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        using var run = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var stopHeartbeat = new CancellationTokenSource();
        var heartbeat = HeartbeatAsync(job.Id, workerId, TimeSpan.FromSeconds(_options.LeaseSeconds), run, stopHeartbeat.Token);
        try
        {
            return await runner.RunAsync(job, progress: null, run.Token);
        }
        finally
        {
            await stopHeartbeat.CancelAsync();
            await heartbeat;
        }
    }

    private async Task HeartbeatAsync(Guid id, string workerId, TimeSpan lease, CancellationTokenSource run, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(_options.HeartbeatSeconds), time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                bool renewed;
                try
                {
                    renewed = await store.RenewJobLeaseAsync(id, workerId, time.GetUtcNow() + lease, cancellationToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // The database is briefly unreachable: keep running; the next beat may land before the lease ends.
                    Log.HeartbeatFailed(logger, ex, id);
                    continue;
                }

                if (!renewed)
                {
                    Log.LeaseLost(logger, id, workerId);
                    await run.CancelAsync();
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The run ended.
        }
    }
}
