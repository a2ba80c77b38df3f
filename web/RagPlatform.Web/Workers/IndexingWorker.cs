using Microsoft.Extensions.Options;
using RagPlatform.Core.Indexing;
using RagPlatform.Core.Jobs;
using RagPlatform.Core.Storage;
using RagPlatform.Web.Hosting;

namespace RagPlatform.Web.Workers;

/// <summary>
/// The server's index writer: migrates the database and repairs what an earlier stop left at start-up, seeds the
/// samples on first start, then (unless <c>Worker:Enabled</c> is false) runs queued jobs one at a time, each under a
/// lease its heartbeat renews, beside any <c>ragp worker</c> processes on the same PostgreSQL database.
/// </summary>
internal sealed class IndexingWorker(
    IMetadataStore store,
    IngestionPipeline pipeline,
    JobRunner runner,
    LeasedJobRunner leased,
    WriterLock writerLock,
    IOptions<WorkerOptions> worker,
    JobSignal signal,
    IOptions<SamplesOptions> samples,
    TimeProvider time,
    ILogger<IndexingWorker> logger,
    UploadCompletion uploads) : BackgroundService
{
    private readonly TimeSpan _poll = TimeSpan.FromSeconds(worker.Value.PollSeconds);

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        // Before the first request: the schema must exist and nothing half-indexed may be served.
        await store.MigrateAsync(cancellationToken);
        if (writerLock.IsShared)
        {
            // Other workers may be writing right now: documents they left Indexing are theirs, and a dead worker's
            // job is re-queued when its lease runs out and re-indexes its documents when it runs again.
            await runner.RecoverInterruptedAsync(respectLiveLeases: true, cancellationToken);
        }
        else
        {
            await pipeline.RecoverAsync(cancellationToken);
            await runner.RecoverInterruptedAsync(cancellationToken);
        }

        // Upload jobs that ended while their folder stayed (a stop between the job's end and its clean-up, or a job
        // recovery just failed): their documents converge and the folder goes.
        foreach (var job in await store.ListJobsAsync(int.MaxValue, cancellationToken))
        {
            if (job.IsUpload && job.State is not (JobState.Queued or JobState.Running) && Directory.Exists(job.Path))
            {
                await uploads.CompleteAsync(job, cancellationToken);
            }
        }

        await SeedAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!worker.Value.Enabled)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var finished = await leased.RunNextAsync(JobWorkerId.ForThisProcess, stoppingToken);
                if (finished is null)
                {
                    await signal.WaitAsync(_poll, stoppingToken);
                    continue;
                }

                // Also after a cancelled run: a Cancelled job is not run again, so its upload must not wait for it.
                await uploads.CompleteAsync(finished, CancellationToken.None);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                Log.WorkerError(logger, ex);
                await Task.Delay(_poll, time, stoppingToken);
            }
        }
    }

    private async Task SeedAsync(CancellationToken cancellationToken)
    {
        var path = samples.Value.Path;
        if (string.IsNullOrWhiteSpace(path) || !Directory.Exists(path))
        {
            return;
        }

        if ((await store.ListCollectionsAsync(cancellationToken)).Count > 0 || (await store.ListJobsAsync(1, cancellationToken)).Count > 0)
        {
            return;
        }

        var job = await runner.EnqueueAsync(samples.Value.Collection, Path.GetFullPath(path), isUpload: false, prune: false, cancellationToken);
        await store.EnsureCollectionAsync(job.Collection, cancellationToken);
        Log.Seeding(logger, job.Path, job.Collection, job.Id);
        signal.Notify();
    }
}
