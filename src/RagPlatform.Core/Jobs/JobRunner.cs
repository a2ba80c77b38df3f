using Microsoft.Extensions.Logging;
using RagPlatform.Core.Errors;
using RagPlatform.Core.Indexing;
using RagPlatform.Core.Storage;

namespace RagPlatform.Core.Jobs;

/// <summary>Runs one indexing job to its end, keeping its record in the database current (counts every second).</summary>
public sealed class JobRunner(IMetadataStore store, IngestionPipeline pipeline, TimeProvider time, ILogger<JobRunner> logger)
{
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
    public async Task<JobInfo> RunAsync(JobInfo job, IProgress<IndexProgress>? progress, CancellationToken cancellationToken)
    {
        job = job with { State = JobState.Running, StartedAt = job.StartedAt ?? time.GetUtcNow() };
        await store.UpdateJobAsync(job, cancellationToken);
        Log.JobStarted(logger, job.Id, job.Path, job.Collection);

        IReadOnlyList<SourceFile> inputs;
        try
        {
            inputs = job.IsUpload
                ? SourceEnumerator.EnumerateUploads(job.Path)
                : SourceEnumerator.Enumerate([job.Path], pipeline.SupportedExtensions);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return await FinishAsync(job with { State = JobState.Failed, Error = ex.Message });
        }

        job = job with { Total = inputs.Count };
        var latest = job;
        var gate = new Lock();
        var tracker = new CallbackProgress(p =>
        {
            progress?.Report(p);
            lock (gate)
            {
                latest = latest with { Processed = p.Done, Pages = p.Pages, Chunks = p.Chunks };
            }
        });

        using var ticker = new CancellationTokenSource();
        var writer = WriteProgressAsync(() => { lock (gate) { return latest; } }, ticker.Token);
        try
        {
            var summary = await pipeline.IndexAsync(job.Collection, inputs, job.Prune, tracker, cancellationToken);
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

    private async Task<JobInfo> FinishAsync(JobInfo job)
    {
        job = job with { FinishedAt = time.GetUtcNow() };
        // The record must land even when the run itself was cancelled.
        await store.UpdateJobAsync(job, CancellationToken.None);
        Log.JobEnded(logger, job.Id, job.State, job.Added, job.Updated, job.Unchanged, job.Failed);
        return job;
    }

    private async Task WriteProgressAsync(Func<JobInfo> current, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                await store.UpdateJobAsync(current(), cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
            // The run ended; the final record is written by FinishAsync.
        }
    }

    /// <summary>Reports synchronously on the caller's thread (Progress&lt;T&gt; would post to the thread pool).</summary>
    private sealed class CallbackProgress(Action<IndexProgress> report) : IProgress<IndexProgress>
    {
        public void Report(IndexProgress value) => report(value);
    }
}
