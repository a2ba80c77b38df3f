using System.CommandLine;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RagPlatform.Core.Answering;
using RagPlatform.Core.Errors;
using RagPlatform.Core.Evaluation.Qa;
using RagPlatform.Core.Indexing;
using RagPlatform.Core.Storage;
using RagPlatform.Indexer.Hosting;

namespace RagPlatform.Indexer.Commands;

/// <summary>
/// <c>ragp eval-qa --questions FILE.jsonl [--docs DIR] [--collection C] [--strategy S]</c>: asks a user-written question
/// set (see <see cref="QuestionSetLoader"/>) of a collection, indexing DIR into it first when given, and prints the
/// QaReport with correct, key-phrase recall, junk sentences, abstention and ask/search latency (<see cref="EvalQaQuestions"/>).
/// <c>ragp eval-qa --longdoc FILE.jsonl [--strategy S] [--negatives OTHER.jsonl]</c>: indexes each L-Eval document into
/// its own collection (unchanged documents are skipped by hash on later runs), asks every question and prints a
/// QaReport. With <c>--negatives</c>, every question is also asked of a document of the other set, which cannot answer
/// it, and the report carries the abstain-threshold calibration.
/// </summary>
internal static class EvalQaCommand
{
    public static Command Create(CliConsole console)
    {
        var file = new Option<FileInfo?>("--longdoc") { Description = "An L-Eval JSONL file (input, instructions, outputs)" };
        var questions = new Option<FileInfo?>("--questions") { Description = "A question set: JSONL with question, collection?, document?, keyPhrases, pages, answerable" };
        var docs = new Option<DirectoryInfo?>("--docs") { Description = "With --questions: index this folder into the collection first" };
        var collection = new Option<string?>("--collection", "-c") { Description = "With --questions: the collection to ask (default with --docs: evalqa-FOLDER)" };
        var strategy = new Option<string?>("--strategy") { Description = "passages, map-reduce, tree or auto (default)" };
        var negatives = new Option<FileInfo?>("--negatives") { Description = "An L-Eval file of another domain: its documents cannot answer this set's questions (abstain calibration)" };
        var command = new Command("eval-qa", "Score answers on a long-document QA set") { file, questions, docs, collection, strategy, negatives };
        command.SetAction((parseResult, ct) => RagpHost.RunAsync(console, parseResult, async services =>
        {
            if (parseResult.GetValue(questions) is { } set)
            {
                return parseResult.GetValue(file) is not null
                    ? throw new InvalidRequestException("Give either --questions or --longdoc, not both.")
                    : await EvalQaQuestions.RunAsync(
                        console, services, set, parseResult.GetValue(docs), parseResult.GetValue(collection),
                        parseResult.GetValue(strategy) ?? AnswerStrategy.Auto, parseResult.GetValue(GlobalOptions.Json), ct);
            }

            var path = parseResult.GetValue(file) ?? throw new InvalidRequestException("Give --questions FILE.jsonl or --longdoc FILE.jsonl.");
            var dataset = Path.GetFileNameWithoutExtension(path.Name);
            var chosen = parseResult.GetValue(strategy) ?? AnswerStrategy.Auto;
            var pipeline = services.GetRequiredService<IngestionPipeline>();
            var store = services.GetRequiredService<IMetadataStore>();
            var answerer = services.GetRequiredService<Answerer>();
            var (tasks, prefix) = await IndexSetAsync(console, pipeline, path, ct);

            var report = await new QaEvaluator(TimeProvider.System, services.GetService<IEmbeddingGenerator<string, Embedding<float>>>()).EvaluateAsync(
                dataset,
                chosen,
                tasks,
                (t, question, token) => answerer.AskAsync(new AskRequest(question.Prompt, $"{prefix}-{t}", Strategy: chosen), token),
                async (citation, token) => (await store.GetStoredDocumentAsync(citation.DocumentId, token)) is { } stored
                    && citation.CharEnd <= stored.Text.Length
                    && stored.Text[citation.CharStart..citation.CharEnd] == citation.Quote,
                ct);
            if (parseResult.GetValue(negatives) is { } other)
            {
                var (otherTasks, otherPrefix) = await IndexSetAsync(console, pipeline, other, ct);
                var offDocument = new List<double>();
                for (var t = 0; t < tasks.Count; t++)
                {
                    foreach (var question in tasks[t].Questions)
                    {
                        var answer = await answerer.AskAsync(new AskRequest(question.Prompt, $"{otherPrefix}-{t % otherTasks.Count}", Strategy: chosen), ct);
                        offDocument.Add(answer.Relevance ?? 0);
                    }
                }

                var threshold = services.GetRequiredService<IOptions<AnswerOptions>>().Value
                    .AbstainThresholdFor(embedded: services.GetService<IEmbeddingGenerator<string, Embedding<float>>>() is not null);
                report = report with
                {
                    Abstention = AbstainCalibration.Compute([.. report.PerQuestion.Select(r => r.Relevance ?? 0)], offDocument, threshold),
                };
            }

            await console.WriteJsonAsync(report);
            return ExitCodes.Done;
        }, ct));
        return command;
    }

    /// <summary>Loads an L-Eval file and indexes each of its documents into collection PREFIX-INDEX.</summary>
    private static async Task<(IReadOnlyList<LongDocTask> Tasks, string Prefix)> IndexSetAsync(
        CliConsole console, IngestionPipeline pipeline, FileInfo path, CancellationToken cancellationToken)
    {
        if (!path.Exists)
        {
            throw new FileNotFoundException($"No such file: {path.FullName}", path.FullName);
        }

        var dataset = Path.GetFileNameWithoutExtension(path.Name);
        var tasks = await LongDocLoader.LoadAsync(path.FullName, cancellationToken);
        var prefix = "qa-" + new string([.. dataset.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-')]);
        for (var t = 0; t < tasks.Count; t++)
        {
            await pipeline.IndexRecordsAsync(
                $"{prefix}-{t}", [new TextRecord($"{dataset}-{t}", $"{dataset} document {t}", tasks[t].Document)], singleChunk: false, progress: null, cancellationToken);
            await console.Error.WriteLineAsync($"progress: indexed {t + 1}/{tasks.Count} documents of {dataset}");
        }

        return (tasks, prefix);
    }
}
