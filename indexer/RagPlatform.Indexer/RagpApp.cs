using System.CommandLine;
using RagPlatform.Indexer.Commands;

namespace RagPlatform.Indexer;

/// <summary>The command tree of <c>ragp</c>; an entry point that tests call in-process with their own writers.</summary>
internal static class RagpApp
{
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var console = new CliConsole(stdout, stderr);
        var root = new RootCommand("ragp: index, search and inspect RagPlatform collections")
        {
            GlobalOptions.Data,
            GlobalOptions.Json,
            GlobalOptions.Verbose,
            IndexCommand.Create(console),
            SearchCommand.Create(console),
            AskCommand.Create(console),
            DocsCommand.Create(console),
            JobsCommand.Create(console),
            EvalCommand.Create(console),
            EvalQaCommand.Create(console),
            BenchCommand.Create(console),
            GenerateCommand.Create(console),
            WorkerCommand.Create(console),
        };

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                await stderr.WriteLineAsync($"error: {error.Message}");
            }

            return ExitCodes.CouldNotRun;
        }

        console.Verbose = parsed.GetValue(GlobalOptions.Verbose);
        var configuration = new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false };
        return await parsed.InvokeAsync(configuration, cancellationToken);
    }
}
