using Microsoft.Extensions.Options;
using RagPlatform.Core.Indexing;
using RagPlatform.Core.Jobs;
using RagPlatform.Core.Storage;
using RagPlatform.Web.Hosting;

namespace RagPlatform.Web.Workers;

/// <summary>
/// The server's single index writer: migrates the database and repairs what an earlier stop left at start-up,
/// seeds the samples on first start, then runs queued jobs one at a time.
/// </summary>
internal sealed class IndexingWorker(
    IMetadataStore store,
    IngestionPipeline pipeline,
    JobRunner runner,
    JobSignal signal,
    IOptions<SamplesOptions> samples,
    TimeProvider time,
    ILogger<IndexingWorker> logger,
    UploadCompletion uploads) : BackgroundService
{
    private static readonly TimeSpan s_poll = TimeSpan.FromSeconds(2);

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        // Before the first request: the schema must exist and nothing half-indexed may be served.
        await store.MigrateAsync(cancellationToken);
        await pipeline.RecoverAsync(cancellationToken);
        await runner.RecoverInterruptedAsync(cancellationToken);

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
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var job = await store.ClaimNextJobAsync(time.GetUtcNow(), stoppingToken);
                if (job is null)
                {
                    await signal.WaitAsync(s_poll, stoppingToken);
                    continue;
                }

                var finished = await runner.RunAsync(job, progress: null, stoppingToken);
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
                await Task.Delay(s_poll, time, stoppingToken);
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
