using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using RagPlatform.Core.Errors;
using RagPlatform.Core.Storage;
using RagPlatform.Core.Trees;
using RagPlatform.Indexer.Hosting;
using RagPlatform.Indexer.Output;

namespace RagPlatform.Indexer.Commands;

/// <summary><c>ragp docs tree ID</c>: prints a document's summary tree (JSON with --json, an outline otherwise).</summary>
internal static class DocsTreeCommand
{
    public static Command Create(CliConsole console)
    {
        var id = DocsCommand.IdArgument();
        var command = new Command("tree", "Print a document's summary tree") { id };
        command.SetAction((parseResult, ct) => RagpHost.RunAsync(console, parseResult, async services =>
        {
            var documentId = DocsCommand.ParseId(parseResult.GetValue(id));
            var store = services.GetRequiredService<IMetadataStore>();
            _ = await store.GetDocumentAsync(documentId, ct) ?? throw new NotFoundException($"No document with id '{documentId}'.");
            var tree = await store.GetTreeAsync(documentId, ct)
                ?? throw new NotFoundException($"Document {documentId} has no summary tree (not indexed yet, no text, or trees disabled).");
            var view = DocumentTreeView.From(tree);
            if (parseResult.GetValue(GlobalOptions.Json))
            {
                await console.WriteJsonAsync(view);
                return ExitCodes.Done;
            }

            SummaryTreeOutput.Write(console, view);
            return ExitCodes.Done;
        }, ct));
        return command;
    }
}
