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
        var server = new Option<string?>("--server") { Description = "Hand the job to the server running at this URL (it reads the paths from its own file system) instead of writing the data directory beside it" };
        var apiKey = new Option<string?>("--api-key") { Description = "The X-Api-Key for --server (default: the RAGP_API_KEY environment variable)" };
        var command = new Command("index", "Index files and folders into a collection") { paths, collection, prune, rebuild, server, apiKey };
        command.SetAction((parseResult, ct) => parseResult.GetValue(server) is { } url
            ? RunOnServerAsync(console, parseResult, url, parseResult.GetValue(apiKey) ?? Environment.GetEnvironmentVariable("RAGP_API_KEY"), paths, collection, prune, rebuild, ct)
            : RagpHost.RunAsync(console, parseResult, async services =>
        {
            var name = CollectionName.Validate(parseResult.GetValue(collection));
            var pipeline = services.GetRequiredService<IngestionPipeline>();
            await pipeline.RecoverAsync(ct);
            await services.GetRequiredService<JobRunner>().RecoverInterruptedAsync(ct);
            var inputs = parseResult.GetValue(paths) ?? [];
            if (parseResult.GetValue(rebuild))
            {
                return await RebuildAsync(console, services, name, inputs.Length, ct);
            }

            if (inputs.Length == 0)
            {
                throw new InvalidRequestException("Give the files or folders to index, or --rebuild.");
            }

            var skipped = new List<SkippedFile>();
            var sources = SourceEnumerator.Enumerate(inputs, pipeline.SupportedExtensions, skipped);

            var stopwatch = Stopwatch.StartNew();
            var job = await IndexProgressView.RunAsync(console, sources, services.GetService<IndexingMeter>(), progress =>
                RunJobAsync(services, name, inputs, sources, parseResult.GetValue(prune), progress, ct));
            return await ReportAsync(console, parseResult, name, [job], stopwatch.Elapsed, skipped);
        }, ct));
        return command;
    }

    private static async Task<int> RunOnServerAsync(
        CliConsole console,
        ParseResult parseResult,
        string url,
        string? apiKey,
        Argument<string[]> paths,
        Option<string> collection,
        Option<bool> prune,
        Option<bool> rebuild,
        CancellationToken cancellationToken)
    {
        try
        {
            var name = CollectionName.Validate(parseResult.GetValue(collection));
            var inputs = parseResult.GetValue(paths) ?? [];
            if (parseResult.GetValue(rebuild) || inputs.Length == 0)
            {
                throw new InvalidRequestException("--server takes the files or folders to index (a rebuild runs where the data directory is: stop the server and run ragp index --rebuild).");
            }

            using var client = ServerJobClient.Create(url, apiKey);
            var stopwatch = Stopwatch.StartNew();
            var jobs = new List<JobInfo>();
            foreach (var input in inputs)
            {
                // The server resolves the path on its own file system; a full path says the same thing on both sides.
                jobs.Add(await IndexProgressView.RunAsync(console, [], null, progress =>
                    client.RunAsync(name, Path.GetFullPath(input), parseResult.GetValue(prune), progress, cancellationToken)));
            }

            return await ReportAsync(console, parseResult, name, jobs, stopwatch.Elapsed);
        }
        catch (RagPlatformException ex)
        {
            await console.Error.WriteLineAsync($"error: {ex.Message.ReplaceLineEndings(" ")}");
            return ExitCodes.CouldNotRun;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await console.Error.WriteLineAsync("error: cancelled (the server goes on with the job; see ragp jobs or GET /api/jobs)");
            return ExitCodes.CouldNotRun;
        }
    }

    /// <summary>Prints the jobs' summary and maps it to the exit code: 2 when a job could not run, 1 when an input failed.</summary>
    private static async Task<int> ReportAsync(
        CliConsole console, ParseResult parseResult, string collection, IReadOnlyList<JobInfo> jobs, TimeSpan elapsed, IReadOnlyList<SkippedFile>? skipped = null)
    {
        var summary = new IndexSummary
        {
            Collection = collection,
            Added = jobs.Sum(j => j.Added),
            Updated = jobs.Sum(j => j.Updated),
            Unchanged = jobs.Sum(j => j.Unchanged),
            Removed = jobs.Sum(j => j.Removed),
            Failed = jobs.Sum(j => j.Failed),
            Errors = [.. jobs.SelectMany(j => j.Errors)],
            Pages = jobs.Sum(j => j.Pages),
            Chunks = jobs.Sum(j => j.Chunks),
            Seconds = Math.Round(elapsed.TotalSeconds, 3),
        };

        if (jobs.FirstOrDefault(j => j.State == JobState.Cancelled || (j.State == JobState.Failed && j.Error is not null)) is { } failed)
        {
            await console.Error.WriteLineAsync($"error: {failed.Error ?? "cancelled before the end: documents finished so far are indexed; run it again to go on"}");
            return ExitCodes.CouldNotRun;
        }

        if (parseResult.GetValue(GlobalOptions.Json))
        {
            var json = console.ToJsonObject(summary);
            json["skipped"] = console.ToJsonNode(skipped ?? []);
            await console.WriteJsonAsync(json);
        }
        else
        {
            HumanOutput.WriteIndexSummary(console, summary, jobs[^1].Id, skipped);
        }

        return summary.Failed > 0 ? ExitCodes.SomeInputsFailed : ExitCodes.Done;
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
        // One job for all the paths (its record lists them, joined by the path separator), over the sources enumerated once.
        var runner = services.GetRequiredService<JobRunner>();
        var job = await runner.EnqueueAsync(collection, string.Join(Path.PathSeparator, inputs.Select(Path.GetFullPath)), isUpload: false, prune, cancellationToken);
        return await runner.RunAsync(job, sources, progress, cancellationToken);
    }
}
