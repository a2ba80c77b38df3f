using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using RagPlatform.Core.Retrieval;
using RagPlatform.Indexer.Hosting;
using RagPlatform.Indexer.Output;

namespace RagPlatform.Indexer.Commands;

/// <summary><c>ragp search QUERY --collection C [--top N] [--pipeline P] [--explain]</c>.</summary>
internal static class SearchCommand
{
    public static Command Create(CliConsole console)
    {
        var query = new Argument<string>("query") { Description = "The query" };
        var collection = new Option<string>("--collection", "-c") { Description = "The collection", Required = true };
        var top = new Option<int?>("--top", "-k") { Description = "How many passages" };
        var pipeline = new Option<string?>("--pipeline") { Description = $"One of: {string.Join(", ", SearchPipeline.All)}" };
        var explain = new Option<bool>("--explain") { Description = "Include Lucene's score explanation per hit" };
        var command = new Command("search", "Search a collection for ranked passages") { query, collection, top, pipeline, explain };
        command.SetAction((parseResult, ct) => RagpHost.RunAsync(console, parseResult, async services =>
        {
            var request = new SearchRequest(
                parseResult.GetValue(query)!,
                parseResult.GetValue(collection)!,
                parseResult.GetValue(top),
                parseResult.GetValue(pipeline),
                parseResult.GetValue(explain));
            var response = await services.GetRequiredService<Retriever>().SearchAsync(request, ct);
            if (parseResult.GetValue(GlobalOptions.Json))
            {
                await console.WriteJsonAsync(response);
            }
            else
            {
                HumanOutput.WriteSearch(console, response);
            }

            return ExitCodes.Done;
        }, ct));
        return command;
    }
}
