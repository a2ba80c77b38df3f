using Microsoft.Extensions.Logging;
using RagPlatform.Core.Diagnostics;
using RagPlatform.Core.Collections;
using RagPlatform.Core.Errors;
using RagPlatform.Core.Indexing;
using RagPlatform.Core.Storage;

namespace RagPlatform.Core.Jobs;

/// <summary>Runs one indexing job to its end, keeping its record in the database current (counts every second).</summary>
public sealed class JobRunner(IMetadataStore store, IngestionPipeline pipeline, CollectionGate collections, TimeProvider time, ILogger<JobRunner> logger)
{
    /// <summary>A server job found Running after this many starts is not re-queued again.</summary>
    public const int MaxAttempts = 2;

    /// <summary>The error of a CLI job whose process died.</summary>
    public const string CliDiedError = "the ragp process running it ended before it finished";

    /// <summary>Creates a queued job record.</summary>
    public async Task<JobInfo> EnqueueAsync(string collection, string path, bool isUpload, bool prune, CancellationToken cancellationToken)
    {
        var job = new JobInfo
        {
            Id = Guid.CreateVersion7(time.GetUtcNow()),
            Collection = Collections.CollectionName.Validate(collection),
            Path = path,
            IsUpload = isUpload,
            Prune = prune,
            CreatedAt = time.GetUtcNow(),
        };
        await store.AddJobAsync(job, cancellationToken);
        return job;
    }

    /// <summary>Runs the job (already claimed or just created) and returns its final record.</summary>
    /// <remarks>A job the server claimed arrives Running (the claim counted the attempt); any other is run by this process itself.</remarks>
    public Task<JobInfo> RunAsync(JobInfo job, IProgress<IndexProgress>? progress, CancellationToken cancellationToken)
        => RunAsync(job, sources: null, progress, cancellationToken);

    /// <summary>
    /// Runs a job over <paramref name="sources"/>, the files of one or several paths that the caller enumerated already
    /// (the CLI shows them before the run), so they are enumerated once; null enumerates the job's own path.
    /// </summary>
    public async Task<JobInfo> RunAsync(JobInfo job, IReadOnlyList<SourceFile>? sources, IProgress<IndexProgress>? progress, CancellationToken cancellationToken)
    {
        job = job.State == JobState.Running
            ? job with { StartedAt = job.StartedAt ?? time.GetUtcNow() }
            : job with { State = JobState.Running, StartedAt = time.GetUtcNow(), Attempts = job.Attempts + 1, RunBy = JobHost.Cli };
        await store.UpdateJobAsync(job, cancellationToken);
        Log.JobStarted(logger, job.Id, job.Path, job.Collection);
        using var activity = RagActivity.Source.StartActivity("job");
        activity?.SetTag("job.id", job.Id);
        activity?.SetTag("collection", job.Collection);

        IReadOnlyList<SourceFile> inputs;
        try
        {
            inputs = sources ?? (job.IsUpload
                ? SourceEnumerator.EnumerateUploads(job.Path)
                : SourceEnumerator.Enumerate([job.Path], pipeline.SupportedExtensions));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return await FinishAsync(job with { State = JobState.Failed, Error = ex.Message });
        }

        job = job with { Total = inputs.Count };
        var latest = job;
        var gate = new Lock();
        using var wake = new SemaphoreSlim(0, 1);
        var tracker = new CallbackProgress(p =>
        {
            progress?.Report(p);
            bool stepChanged;
            lock (gate)
            {
                // A step report ("OCR page 3 of 12") names the file being decoded; a per-file report ends that file's steps.
                var (current, step) = p.Step is null ? ((string?)null, (string?)null) : (p.Decoding, p.Step);
                stepChanged = step is not null && (step != latest.Step || current != latest.Current);
                latest = latest with { Processed = p.Done, Pages = p.Pages, Chunks = p.Chunks, Current = current, Step = step };
            }

            // Steps come seconds apart (an OCR page each): each new one is written now rather than at the next tick.
            if (stepChanged)
            {
                Wake(wake);
            }
        });

        using var ticker = new CancellationTokenSource();
        var writer = WriteProgressAsync(() => { lock (gate) { return latest; } }, wake, ticker.Token);
        try
        {
            IndexSummary summary;
            // A delete or rename of the collection in progress finishes first (it answers 409 to its own check instead).
            using (await collections.EnterAsync(job.Collection, cancellationToken))
            {
                summary = await pipeline.IndexAsync(job.Collection, inputs, job.Prune, tracker, cancellationToken);
            }

            await ticker.CancelAsync();
            await writer;
            return await FinishAsync(job.Completed(summary, inputs.Count));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await ticker.CancelAsync();
            await writer;
            return await FinishAsync(latest with { State = JobState.Cancelled });
        }
        catch (RagPlatformException ex)
        {
            await ticker.CancelAsync();
            await writer;
            Log.JobFailed(logger, ex, job.Id);
            return await FinishAsync(latest with { State = JobState.Failed, Error = ex.Message });
        }
    }

    /// <summary>
    /// Settles the jobs a dead process left Running. Call it once at start-up, only in the process that holds the data
    /// directory's write lock (so no live process is running a job): a server job is re-queued, with its attempt
    /// count kept, unless it has been started <see cref="MaxAttempts"/> times, when it fails instead, since it keeps
    /// stopping the process; a CLI job fails, since no server will ever finish another process's in-process run.
    /// Returns how many jobs were re-queued and how many failed.
    /// </summary>
    public Task<(int Requeued, int Failed)> RecoverInterruptedAsync(CancellationToken cancellationToken)
        => RecoverInterruptedAsync(respectLiveLeases: false, cancellationToken);

    /// <summary>
    /// As <see cref="RecoverInterruptedAsync(CancellationToken)"/>; with <paramref name="respectLiveLeases"/> (the data
    /// directory's lock is shared with other workers), a job whose lease has not run out is left to its live worker.
    /// </summary>
    public async Task<(int Requeued, int Failed)> RecoverInterruptedAsync(bool respectLiveLeases, CancellationToken cancellationToken)
    {
        int requeued = 0, failed = 0;
        foreach (var job in await store.ListJobsAsync(int.MaxValue, cancellationToken))
        {
            if (job.State != JobState.Running)
            {
                continue;
            }

            // With several workers on one PostgreSQL database, a job whose lease is still running belongs to a live
            // worker in another process; only the lease's end (LeasedJobRunner.ReleaseExpiredAsync) takes it back.
            if (respectLiveLeases && job.LeaseExpiresAt is { } until && until >= time.GetUtcNow())
            {
                Log.JobLeasedElsewhere(logger, job.Id, until);
                continue;
            }

            if (job.RunBy == JobHost.Server && job.Attempts < MaxAttempts)
            {
                await store.UpdateJobAsync(job with { State = JobState.Queued }, cancellationToken);
                Log.JobRequeued(logger, job.Id, job.Attempts);
                requeued++;
                continue;
            }

            // A job without RunBy was started before attempts were recorded, or by an in-process run that set
            // Running itself: either way no queue will finish it, and re-running it blindly could loop.
            var error = job.RunBy == JobHost.Server
                ? $"the job stopped the process {(job.Attempts == 2 ? "twice" : $"{job.Attempts} times")} while running (last started {job.StartedAt?.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC); not retried — fix or remove the input and submit it again"
                : CliDiedError;
            await store.UpdateJobAsync(job with { State = JobState.Failed, Error = error, FinishedAt = time.GetUtcNow() }, cancellationToken);
            Log.JobAbandoned(logger, job.Id, error);
            failed++;
        }

        return (requeued, failed);
    }

    private async Task<JobInfo> FinishAsync(JobInfo job)
    {
        job = job with { FinishedAt = time.GetUtcNow(), Current = null, Step = null };
        var state = new KeyValuePair<string, object?>("state", job.State.ToString());
        RagMetrics.DocumentsIndexed.Add(job.Added + job.Updated, new KeyValuePair<string, object?>("collection", job.Collection));
        RagMetrics.ChunksIndexed.Add(job.Chunks, new KeyValuePair<string, object?>("collection", job.Collection));
        RagMetrics.JobDuration.Record((job.FinishedAt.Value - (job.StartedAt ?? job.FinishedAt.Value)).TotalSeconds, state);
        // The record must land even when the run itself was cancelled.
        await store.UpdateJobAsync(job, CancellationToken.None);
        Log.JobEnded(logger, job.Id, job.State, job.Added, job.Updated, job.Unchanged, job.Failed);
        return job;
    }

    /// <summary>
    /// Writes the running job's record every second and whenever <paramref name="wake"/> is released (a new decode step),
    /// until cancelled; the final record is written by <see cref="FinishAsync"/>.
    /// </summary>
    private async Task WriteProgressAsync(Func<JobInfo> current, SemaphoreSlim wake, CancellationToken cancellationToken)
    {
        var ticks = TickAsync(wake, cancellationToken);
        try
        {
            while (true)
            {
                await wake.WaitAsync(cancellationToken);
                await store.UpdateJobAsync(current(), cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
            // The run ended; the final record is written by FinishAsync.
        }

        await ticks;
    }

    private async Task TickAsync(SemaphoreSlim wake, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                Wake(wake);
            }
        }
        catch (OperationCanceledException)
        {
            // The run ended.
        }
    }

    /// <summary>Asks the progress writer for a write; one pending request covers any number of changes.</summary>
    private static void Wake(SemaphoreSlim wake)
    {
        try
        {
            if (wake.CurrentCount == 0)
            {
                wake.Release();
            }
        }
        catch (SemaphoreFullException)
        {
            // Another report asked at the same moment: one write covers both.
        }
        catch (ObjectDisposedException)
        {
            // A late report after the run ended: the final record is written already.
        }
    }

    /// <summary>Reports synchronously on the caller's thread (Progress&lt;T&gt; would post to the thread pool).</summary>
    private sealed class CallbackProgress(Action<IndexProgress> report) : IProgress<IndexProgress>
    {
        public void Report(IndexProgress value) => report(value);
    }
}
