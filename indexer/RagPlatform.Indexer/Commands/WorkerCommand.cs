using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RagPlatform.Core.Errors;
using RagPlatform.Core.Jobs;
using RagPlatform.Core.Storage;
using RagPlatform.Indexer.Hosting;
using RagPlatform.Storage;

namespace RagPlatform.Indexer.Commands;

/// <summary>
/// <c>ragp worker [--drain]</c>: an indexing worker beside the server on one PostgreSQL database (ADR 0011). It claims
/// queued jobs (FOR UPDATE SKIP LOCKED, one live job per collection), renews each job's lease while it runs, and takes
/// back the jobs of workers that died. Each job runs in a host of its own, so its index writers are closed when it
/// ends and the next job on that collection may run in any worker.
/// </summary>
internal static class WorkerCommand
{
    public static Command Create(CliConsole console)
    {
        var drain = new Option<bool>("--drain") { Description = "Exit once no job is queued or running (otherwise wait for jobs until stopped)" };
        var command = new Command("worker", "Run queued indexing jobs beside the server (PostgreSQL)") { drain };
        command.SetAction((parseResult, ct) => RagpHost.RunAsync(console, parseResult, async services =>
        {
            if (!RagDbContextConfigurator.IsPostgres(services.GetRequiredService<IOptions<StorageOptions>>().Value))
            {
                throw new InvalidRequestException(
                    "ragp worker needs PostgreSQL (Storage:Provider=postgres and Storage:ConnectionString): on SQLite the server's own worker runs the jobs.");
            }

            var workerId = JobWorkerId.ForThisProcess;
            var writerLock = services.GetRequiredService<WriterLock>();
            writerLock.AcquireShared($"ragp worker {workerId}");
            var leased = services.GetRequiredService<LeasedJobRunner>();
            var store = services.GetRequiredService<IMetadataStore>();
            var poll = TimeSpan.FromSeconds(services.GetRequiredService<IOptions<WorkerOptions>>().Value.PollSeconds);
            var json = parseResult.GetValue(GlobalOptions.Json);
            await console.Error.WriteLineAsync($"worker {workerId} on {writerLock.Directory}: waiting for jobs");
            var failed = false;
            while (!ct.IsCancellationRequested)
            {
                var job = await leased.ClaimAsync(workerId, ct);
                if (job is null)
                {
                    if (parseResult.GetValue(drain) && !await AnyQueuedAsync(store, ct))
                    {
                        break;
                    }

                    try
                    {
                        await Task.Delay(poll, ct);
                    }
                    catch (OperationCanceledException)
                    {
                        break; // Ctrl-C or SIGTERM while idle: a clean stop.
                    }

                    continue;
                }

                JobInfo? finished = null;
                var code = await RagpHost.RunAsync(console, parseResult, async jobServices =>
                {
                    jobServices.GetRequiredService<WriterLock>().AcquireShared($"ragp worker {workerId}");
                    finished = await jobServices.GetRequiredService<LeasedJobRunner>().RunAsync(job, workerId, ct);
                    return ExitCodes.Done;
                }, ct);
                if (code != ExitCodes.Done || finished is null)
                {
                    return code;
                }

                failed |= finished.State is JobState.Failed or JobState.PartiallyFailed;
                if (json)
                {
                    await console.WriteJsonAsync(finished);
                }
                else
                {
                    await console.Error.WriteLineAsync(
                        $"job {finished.Id} ({finished.Collection}): {finished.State}, {finished.Added} added, {finished.Updated} updated, {finished.Unchanged} unchanged, {finished.Failed} failed");
                }
            }

            return failed ? ExitCodes.SomeInputsFailed : ExitCodes.Done;
        }, ct));
        return command;
    }

    private static async Task<bool> AnyQueuedAsync(IMetadataStore store, CancellationToken cancellationToken)
        => (await store.ListJobsAsync(int.MaxValue, cancellationToken)).Any(j => j.State is JobState.Queued or JobState.Running);
}
