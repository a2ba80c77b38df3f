using System.CommandLine;
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using RagPlatform.Core.Collections;
using RagPlatform.Core.Errors;
using RagPlatform.Core.Indexing;
using RagPlatform.Core.Jobs;
using RagPlatform.Core.Storage;
using RagPlatform.Indexer.Hosting;
using RagPlatform.Indexer.Output;

namespace RagPlatform.Indexer.Commands;

/// <summary>
/// <c>ragp index PATH... --collection C [--prune]</c>: incremental indexing, recorded as a job.
/// <c>ragp index --rebuild --collection C</c>: rebuilds every index of the collection from the database.
/// </summary>
internal static class IndexCommand
{
    public static Command Create(CliConsole console)
    {
        var paths = new Argument<string[]>("path") { Description = "Files and folders to index (folders recursively)", Arity = ArgumentArity.ZeroOrMore };
        var collection = new Option<string>("--collection", "-c") { Description = "The collection", Required = true };
        var prune = new Option<bool>("--prune") { Description = "Remove documents whose files are gone" };
        var rebuild = new Option<bool>("--rebuild") { Description = "Rebuild every index of the collection from the database (after changing the embedding model or BM25 settings)" };
        var command = new Command("index", "Index files and folders into a collection") { paths, collection, prune, rebuild };
        command.SetAction((parseResult, ct) => RagpHost.RunAsync(console, parseResult, async services =>
        {
            var name = CollectionName.Validate(parseResult.GetValue(collection));
            var pipeline = services.GetRequiredService<IngestionPipeline>();
            await pipeline.RecoverAsync(ct);
            var inputs = parseResult.GetValue(paths) ?? [];
            if (parseResult.GetValue(rebuild))
            {
                return await RebuildAsync(console, services, name, inputs.Length, ct);
            }

            if (inputs.Length == 0)
            {
                throw new InvalidRequestException("Give the files or folders to index, or --rebuild.");
            }

            var sources = SourceEnumerator.Enumerate(inputs, pipeline.SupportedExtensions);

            var stopwatch = Stopwatch.StartNew();
            var job = await IndexProgressView.RunAsync(console, sources.Count, progress =>
                RunJobAsync(services, name, inputs, sources, parseResult.GetValue(prune), progress, ct));
            var summary = new IndexSummary
            {
                Collection = name,
                Added = job.Added,
                Updated = job.Updated,
                Unchanged = job.Unchanged,
                Removed = job.Removed,
                Failed = job.Failed,
                Errors = job.Errors,
                Pages = job.Pages,
                Chunks = job.Chunks,
                Seconds = Math.Round(stopwatch.Elapsed.TotalSeconds, 3),
            };

            if (job.State == JobState.Failed && job.Error is not null)
            {
                await console.Error.WriteLineAsync($"error: {job.Error}");
                return ExitCodes.CouldNotRun;
            }

            if (parseResult.GetValue(GlobalOptions.Json))
            {
                await console.WriteJsonAsync(summary);
            }
            else
            {
                HumanOutput.WriteIndexSummary(console, summary, job.Id);
            }

            return summary.Failed > 0 ? ExitCodes.SomeInputsFailed : ExitCodes.Done;
        }, ct));
        return command;
    }

    private static async Task<int> RebuildAsync(CliConsole console, IServiceProvider services, string collection, int paths, CancellationToken cancellationToken)
    {
        if (paths > 0)
        {
            throw new InvalidRequestException("--rebuild takes no paths: it rebuilds the indexes from what the database holds.");
        }

        if (await services.GetRequiredService<IMetadataStore>().GetCollectionAsync(collection, cancellationToken) is null)
        {
            throw new NotFoundException($"No collection named '{collection}'.");
        }

        var stopwatch = Stopwatch.StartNew();
        var documents = await services.GetRequiredService<IngestionPipeline>().RebuildIndexesAsync(collection, cancellationToken);
        await console.WriteJsonAsync(new { collection, rebuilt = documents, seconds = Math.Round(stopwatch.Elapsed.TotalSeconds, 3) });
        return ExitCodes.Done;
    }

    private static async Task<JobInfo> RunJobAsync(
        IServiceProvider services,
        string collection,
        string[] inputs,
        IReadOnlyList<SourceFile> sources,
        bool prune,
        IProgress<IndexProgress> progress,
        CancellationToken cancellationToken)
    {
        var runner = services.GetRequiredService<JobRunner>();
        if (inputs.Length == 1)
        {
            var single = await runner.EnqueueAsync(collection, Path.GetFullPath(inputs[0]), isUpload: false, prune, cancellationToken);
            return await runner.RunAsync(single, progress, cancellationToken);
        }

        // JobRunner takes one path; several are run here and recorded the same way.
        var store = services.GetRequiredService<IMetadataStore>();
        var time = services.GetRequiredService<TimeProvider>();
        var job = await runner.EnqueueAsync(collection, string.Join(Path.PathSeparator, inputs.Select(Path.GetFullPath)), isUpload: false, prune, cancellationToken);
        job = job with { State = JobState.Running, StartedAt = time.GetUtcNow(), Total = sources.Count };
        await store.UpdateJobAsync(job, cancellationToken);
        var summary = await services.GetRequiredService<IngestionPipeline>().IndexAsync(collection, sources, prune, progress, cancellationToken);
        job = job.Completed(summary, sources.Count) with { FinishedAt = time.GetUtcNow() };
        await store.UpdateJobAsync(job, CancellationToken.None);
        return job;
    }
}
