using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using RagPlatform.Core.Errors;
using RagPlatform.Core.Storage;
using RagPlatform.Indexer.Hosting;
using RagPlatform.Indexer.Output;

namespace RagPlatform.Indexer.Commands;

/// <summary><c>ragp jobs list|show</c>: batch jobs and their state.</summary>
internal static class JobsCommand
{
    public static Command Create(CliConsole console)
    {
        var limit = new Option<int>("--limit") { Description = "How many recent jobs", DefaultValueFactory = _ => 50 };
        var list = new Command("list", "List recent jobs") { limit };
        list.SetAction((parseResult, ct) => RagpHost.RunAsync(console, parseResult, async services =>
        {
            var jobs = await services.GetRequiredService<IMetadataStore>().ListJobsAsync(Math.Clamp(parseResult.GetValue(limit), 1, 1000), ct);
            if (parseResult.GetValue(GlobalOptions.Json))
            {
                await console.WriteJsonAsync(jobs);
            }
            else
            {
                HumanOutput.WriteJobs(console, jobs);
            }

            return ExitCodes.Done;
        }, ct));

        var id = new Argument<string>("id") { Description = "The job id" };
        var show = new Command("show", "Show one job") { id };
        show.SetAction((parseResult, ct) => RagpHost.RunAsync(console, parseResult, async services =>
        {
            var text = parseResult.GetValue(id);
            var jobId = Guid.TryParse(text, out var parsed) ? parsed : throw new InvalidRequestException($"'{text}' is not a job id (a GUID).");
            var job = await services.GetRequiredService<IMetadataStore>().GetJobAsync(jobId, ct)
                ?? throw new NotFoundException($"No job with id '{jobId}'.");
            if (parseResult.GetValue(GlobalOptions.Json))
            {
                await console.WriteJsonAsync(job);
            }
            else
            {
                HumanOutput.WriteJobs(console, [job]);
            }

            return ExitCodes.Done;
        }, ct));

        return new Command("jobs", "Batch indexing jobs") { list, show };
    }
}
