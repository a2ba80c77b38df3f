using System.Globalization;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RagPlatform.Core.Evaluation.Qa;
using RagPlatform.Core.Indexing;
using RagPlatform.Onnx;

namespace RagPlatform.Indexer.Commands;

/// <summary>
/// The question-set run of <c>ragp eval-qa --questions FILE.jsonl</c>: loads the set, indexes <c>--docs DIR</c> into the
/// collection when given (unchanged files are skipped by hash), asks every question and prints the report.
/// </summary>
internal static class EvalQaQuestions
{
    public static async Task<int> RunAsync(
        CliConsole console,
        IServiceProvider services,
        FileInfo file,
        DirectoryInfo? docs,
        string? collection,
        string strategy,
        bool json,
        CancellationToken cancellationToken)
    {
        var items = await QuestionSetLoader.LoadAsync(file.FullName, cancellationToken);
        var dataset = Path.GetFileNameWithoutExtension(file.Name);
        if (docs is not null)
        {
            if (!docs.Exists)
            {
                throw new DirectoryNotFoundException($"No such folder: {docs.FullName}");
            }

            collection ??= "evalqa-" + new string([.. docs.Name.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-')]);
            var pipeline = services.GetRequiredService<IngestionPipeline>();
            var sources = SourceEnumerator.Enumerate([docs.FullName], pipeline.SupportedExtensions);
            var summary = await pipeline.IndexAsync(collection, sources, prune: false, progress: null, cancellationToken);
            await console.Error.WriteLineAsync(
                $"progress: {collection}: {summary.Added} added, {summary.Updated} updated, {summary.Unchanged} unchanged, {summary.Failed} failed");
            foreach (var error in summary.Errors)
            {
                await console.Error.WriteLineAsync($"warning: {error.Path}: {error.Error}");
            }
        }

        var embedded = services.GetService<IEmbeddingGenerator<string, Embedding<float>>>() is not null;
        var embedder = embedded ? services.GetRequiredService<IOptions<EmbeddingOptions>>().Value.Model : null;
        var evaluator = ActivatorUtilities.CreateInstance<QuestionSetEvaluator>(services, TimeProvider.System);
        var progress = new StderrProgress(console.Error, items.Count);
        var report = await evaluator.EvaluateAsync(dataset, strategy, items, collection, embedder, progress, cancellationToken);
        if (json)
        {
            await console.WriteJsonAsync(report);
        }
        else
        {
            await WriteHumanAsync(console.Out, report);
        }

        return ExitCodes.Done;
    }

    private static async Task WriteHumanAsync(TextWriter o, QaReport r)
    {
        static string Pct(double? v) => v is null ? "n/a" : (v.Value * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";
        static string Ms(double v) => v.ToString("0.0", CultureInfo.InvariantCulture) + " ms";
        var correct = r.PerQuestion.Count(q => q.Correct == true);
        var abstained = r.PerQuestion.Count(q => q.Answerable == false && q.Abstained);
        await o.WriteLineAsync($"{r.Dataset}: {r.Questions} questions ({r.Answerable} answerable, {r.Unanswerable} unanswerable), strategy {r.Strategy}, embedder {r.Embedder ?? "none"}");
        await o.WriteLineAsync($"  correct            {Pct(r.Correct)} ({correct}/{r.Questions})");
        await o.WriteLineAsync($"  key-phrase recall  {Pct(r.KeyPhraseRecall)}");
        await o.WriteLineAsync($"  junk sentences     {r.JunkSentences}");
        await o.WriteLineAsync($"  abstained          {abstained}/{r.Unanswerable} unanswerable; {r.PerQuestion.Count(q => q.Answerable != false && q.Abstained)} answerable abstained");
        await o.WriteLineAsync($"  evidence recall    {Pct(r.EvidenceRecall)}; citations verbatim {Pct(r.CitationsVerbatim)}");
        await o.WriteLineAsync($"  ask latency        p50 {Ms(r.LatencyMs.P50)}, p95 {Ms(r.LatencyMs.P95)}");
        if (r.SearchLatencyMs is { } search)
        {
            var ratio = search.P95 > 0 ? (r.LatencyMs.P95 / search.P95).ToString("0.00", CultureInfo.InvariantCulture) + "x" : "n/a";
            await o.WriteLineAsync($"  search latency     p50 {Ms(search.P50)}, p95 {Ms(search.P95)} (ask p95 / search p95 = {ratio})");
        }

        var failed = r.Failed ?? [];
        await o.WriteLineAsync(failed.Count == 0 ? "  no failed questions" : $"  failed ({failed.Count}):");
        foreach (var f in failed)
        {
            await o.WriteLineAsync($"    line {f.Line}: {f.Question}");
            foreach (var reason in f.Reasons)
            {
                await o.WriteLineAsync($"      - {reason}");
            }
        }
    }

    /// <summary>Reports on the caller's thread, so progress lines come before the report.</summary>
    private sealed class StderrProgress(TextWriter error, int total) : IProgress<int>
    {
        public void Report(int value) => error.WriteLine($"progress: asked {value}/{total}");
    }
}
