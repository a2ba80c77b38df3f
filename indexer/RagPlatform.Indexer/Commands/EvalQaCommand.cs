using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using RagPlatform.Core.Answering;
using RagPlatform.Core.Evaluation.Qa;
using RagPlatform.Core.Indexing;
using RagPlatform.Core.Storage;
using RagPlatform.Indexer.Hosting;

namespace RagPlatform.Indexer.Commands;

/// <summary>
/// <c>ragp eval-qa --longdoc FILE.jsonl [--strategy S]</c>: indexes each L-Eval document into its own collection
/// (unchanged documents are skipped by hash on later runs), asks every question and prints a QaReport.
/// </summary>
internal static class EvalQaCommand
{
    public static Command Create(CliConsole console)
    {
        var file = new Option<FileInfo>("--longdoc") { Description = "An L-Eval JSONL file (input, instructions, outputs)", Required = true };
        var strategy = new Option<string?>("--strategy") { Description = "passages, map-reduce, tree or auto (default)" };
        var command = new Command("eval-qa", "Score answers on a long-document QA set") { file, strategy };
        command.SetAction((parseResult, ct) => RagpHost.RunAsync(console, parseResult, async services =>
        {
            var path = parseResult.GetValue(file)!;
            if (!path.Exists)
            {
                throw new FileNotFoundException($"No such file: {path.FullName}", path.FullName);
            }

            var dataset = Path.GetFileNameWithoutExtension(path.Name);
            var chosen = parseResult.GetValue(strategy) ?? AnswerStrategy.Auto;
            var tasks = await LongDocLoader.LoadAsync(path.FullName, ct);
            var pipeline = services.GetRequiredService<IngestionPipeline>();
            var store = services.GetRequiredService<IMetadataStore>();
            var answerer = services.GetRequiredService<Answerer>();
            var prefix = "qa-" + new string([.. dataset.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-')]);
            for (var t = 0; t < tasks.Count; t++)
            {
                await pipeline.IndexRecordsAsync($"{prefix}-{t}", [new TextRecord($"{dataset}-{t}", $"{dataset} document {t}", tasks[t].Document)], singleChunk: false, progress: null, ct);
                await console.Error.WriteLineAsync($"progress: indexed {t + 1}/{tasks.Count} documents");
            }

            var report = await new QaEvaluator(TimeProvider.System).EvaluateAsync(
                dataset,
                chosen,
                tasks,
                (t, question, token) => answerer.AskAsync(new AskRequest(question.Prompt, $"{prefix}-{t}", Strategy: chosen), token),
                async (citation, token) => (await store.GetStoredDocumentAsync(citation.DocumentId, token)) is { } stored
                    && citation.CharEnd <= stored.Text.Length
                    && stored.Text[citation.CharStart..citation.CharEnd] == citation.Quote,
                ct);
            await console.WriteJsonAsync(report);
            return ExitCodes.Done;
        }, ct));
        return command;
    }
}
