using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using RagPlatform.Core.Collections;
using RagPlatform.Core.Documents;
using RagPlatform.Core.Errors;
using RagPlatform.Core.Indexing;
using RagPlatform.Core.Storage;
using RagPlatform.Indexer.Hosting;
using RagPlatform.Indexer.Output;

namespace RagPlatform.Indexer.Commands;

/// <summary><c>ragp docs list|show|text|tree|delete</c>: inspect and remove documents.</summary>
internal static class DocsCommand
{
    public static Command Create(CliConsole console)
    {
        var command = new Command("docs", "Inspect documents");
        command.Subcommands.Add(List(console));
        command.Subcommands.Add(Show(console));
        command.Subcommands.Add(Text(console));
        command.Subcommands.Add(DocsTreeCommand.Create(console));
        command.Subcommands.Add(Delete(console));
        return command;
    }

    private static Command List(CliConsole console)
    {
        var collection = new Option<string>("--collection", "-c") { Description = "The collection", Required = true };
        var command = new Command("list", "List the documents of a collection") { collection };
        command.SetAction((parseResult, ct) => RagpHost.RunAsync(console, parseResult, async services =>
        {
            var name = CollectionName.Validate(parseResult.GetValue(collection));
            var store = services.GetRequiredService<IMetadataStore>();
            _ = await store.GetCollectionAsync(name, ct) ?? throw new NotFoundException($"No collection named '{name}'.");
            var documents = await store.ListDocumentsAsync(name, ct);
            if (parseResult.GetValue(GlobalOptions.Json))
            {
                await console.WriteJsonAsync(documents);
            }
            else
            {
                HumanOutput.WriteDocuments(console, documents);
            }

            return ExitCodes.Done;
        }, ct));
        return command;
    }

    private static Command Show(CliConsole console)
    {
        var id = IdArgument();
        var command = new Command("show", "Show one document") { id };
        command.SetAction((parseResult, ct) => RagpHost.RunAsync(console, parseResult, async services =>
        {
            var store = services.GetRequiredService<IMetadataStore>();
            var document = await store.GetDocumentAsync(ParseId(parseResult.GetValue(id)), ct)
                ?? throw new NotFoundException($"No document with id '{parseResult.GetValue(id)}'.");
            if (parseResult.GetValue(GlobalOptions.Json))
            {
                // The document's record, plus its section tree and what it says of itself (title, authors, date).
                var json = console.ToJsonObject(document);
                var stored = await store.GetStoredDocumentAsync(document.Id, ct);
                var text = stored is null ? null : new DocumentText(stored.Text, stored.Pages, stored.Sections, [], document.Title);
                json["sections"] = console.ToJsonNode((stored?.Sections ?? []).Select(s => new
                {
                    s.Title,
                    s.Number,
                    s.Level,
                    s.CharStart,
                    s.CharEnd,
                    PageStart = text!.PageAt(s.CharStart),
                    s.Path,
                }).ToList());
                json["metadata"] = console.ToJsonNode(new { document.Title, document.Authors, document.Date });
                var ocr = OcrRecord.FromWarnings(document.Warnings);
                json["ocr"] = console.ToJsonNode(new
                {
                    Pages = ocr.Select(o => o.Page).ToList(),
                    MeanConfidence = ocr.Count == 0 ? (double?)null : Math.Round(ocr.Average(o => o.MeanConfidence), 1),
                    PerPage = ocr,
                });
                await console.WriteJsonAsync(json);
            }
            else
            {
                HumanOutput.WriteDocument(console, document);
            }

            return ExitCodes.Done;
        }, ct));
        return command;
    }

    private static Command Text(CliConsole console)
    {
        var id = IdArgument();
        var start = new Option<int>("--start") { Description = "First UTF-16 offset (inclusive)", Required = true };
        var end = new Option<int>("--end") { Description = "Last UTF-16 offset (exclusive)", Required = true };
        var command = new Command("text", "Print the exact normalized text of a span") { id, start, end };
        command.SetAction((parseResult, ct) => RagpHost.RunAsync(console, parseResult, async services =>
        {
            var documentId = ParseId(parseResult.GetValue(id));
            var stored = await services.GetRequiredService<IMetadataStore>().GetStoredDocumentAsync(documentId, ct)
                ?? throw new NotFoundException($"No document with id '{documentId}'.");
            var span = SpanText.Of(documentId, stored.Text, parseResult.GetValue(start), parseResult.GetValue(end));
            if (parseResult.GetValue(GlobalOptions.Json))
            {
                await console.WriteJsonAsync(span);
            }
            else
            {
                await console.Out.WriteLineAsync(span.Text);
            }

            return ExitCodes.Done;
        }, ct));
        return command;
    }

    private static Command Delete(CliConsole console)
    {
        var id = IdArgument();
        var command = new Command("delete", "Delete a document from the database and every index") { id };
        command.SetAction((parseResult, ct) => RagpHost.RunAsync(console, parseResult, async services =>
        {
            var documentId = ParseId(parseResult.GetValue(id));
            var pipeline = services.GetRequiredService<IngestionPipeline>();
            if (!await pipeline.DeleteDocumentAsync(documentId, ct))
            {
                throw new NotFoundException($"No document with id '{documentId}'.");
            }

            if (parseResult.GetValue(GlobalOptions.Json))
            {
                await console.WriteJsonAsync(new { id = documentId, deleted = true });
            }
            else
            {
                await console.Out.WriteLineAsync($"deleted {documentId}");
            }

            return ExitCodes.Done;
        }, ct));
        return command;
    }

    internal static Argument<string> IdArgument() => new("id") { Description = "The document id" };

    internal static Guid ParseId(string? value) => Guid.TryParse(value, out var id)
        ? id
        : throw new InvalidRequestException($"'{value}' is not a document id (a GUID).");
}
