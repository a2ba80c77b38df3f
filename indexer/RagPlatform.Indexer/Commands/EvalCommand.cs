using System.CommandLine;
using System.Diagnostics;
using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RagPlatform.Core.Collections;
using RagPlatform.Core.Errors;
using RagPlatform.Core.Evaluation;
using RagPlatform.Core.Indexing;
using RagPlatform.Core.Retrieval;
using RagPlatform.Core.Storage;
using RagPlatform.Indexer.Hosting;
using RagPlatform.Search.Lexical;

namespace RagPlatform.Indexer.Commands;

/// <summary>
/// <c>ragp eval --beir DIR [--split test] [--pipeline P] [--collection C]</c>: indexes the corpus once (a fingerprint of
/// corpus.jsonl skips re-indexing), then scores the split's queries and prints the EvalReport.
/// </summary>
internal static class EvalCommand
{
    public static Command Create(CliConsole console)
    {
        var beir = new Option<string?>("--beir") { Description = "The BEIR folder" };
        var longdoc = new Option<string?>("--longdoc") { Description = "Instead of --beir: an L-Eval long-document QA file (.jsonl), scored as retrieval of the passages that hold each gold answer" };
        var passageWords = new Option<int>("--passage-words") { Description = "Passage size for --longdoc, in words", DefaultValueFactory = _ => 128 };
        var split = new Option<string>("--split") { Description = "The qrels split", DefaultValueFactory = _ => "test" };
        var pipeline = new Option<string>("--pipeline") { Description = "The search pipeline", DefaultValueFactory = _ => SearchPipeline.Bm25 };
        var collection = new Option<string?>("--collection", "-c") { Description = "The collection (default: beir-FOLDER, plus -MODEL with --model)" };
        var model = new Option<string?>("--model") { Description = "Embedding model: arctic-embed-xs (default), all-MiniLM-L6-v2, or a BERT-style ONNX model folder" };
        var secondModel = new Option<string?>("--second-model") { Description = "Fuse a second encoder's dense list too (three-way fusion; Embedding:SecondModel): a model name or folder" };
        var dump = new Option<string?>("--dump") { Description = "Also write every query's candidates with their per-stage scores to this JSONL file (for fusion studies)" };
        var command = new Command("eval", "Index a BEIR dataset once and score retrieval on it") { beir, longdoc, passageWords, split, pipeline, collection, model, secondModel, dump };
        command.SetAction((parseResult, ct) => RagpHost.RunAsync(console, parseResult, async services =>
        {
            var (data, corpusPath) = await LoadAsync(parseResult.GetValue(beir), parseResult.GetValue(longdoc), parseResult.GetValue(passageWords), parseResult.GetValue(split)!, ct);
            var modelName = parseResult.GetValue(model);
            var lexicalOnly = parseResult.GetValue(pipeline) == SearchPipeline.Bm25;
            // A collection's dense index belongs to one model, so each model gets its own collection; bm25 needs none.
            modelName ??= lexicalOnly ? null : "arctic-embed-xs";
            var suffix = modelName is null ? string.Empty : "-" + Slug(modelName);
            // A second encoder indexes its own vectors, so its collections are apart from one-encoder ones.
            if (!lexicalOnly && parseResult.GetValue(secondModel) is { } second)
            {
                suffix += "-" + Slug(second);
            }

            var name = CollectionName.Validate(parseResult.GetValue(collection) ?? "beir-" + data.Name + suffix);
            var store = services.GetRequiredService<IMetadataStore>();
            var fingerprintPath = Path.Combine(
                Path.GetFullPath(services.GetRequiredService<IOptions<StorageOptions>>().Value.DataDirectory), "eval", name + ".fingerprint");
            var fingerprint = await FingerprintAsync(corpusPath, services.GetRequiredService<IOptions<Bm25Options>>().Value, ct)
                + (parseResult.GetValue(longdoc) is null ? string.Empty : $" passageWords={parseResult.GetValue(passageWords)}");

            var indexSeconds = 0.0;
            var existed = await store.GetCollectionAsync(name, ct) is not null;
            if (!existed || !File.Exists(fingerprintPath) || await File.ReadAllTextAsync(fingerprintPath, ct) != fingerprint)
            {
                var clock = Stopwatch.StartNew();
                var records = data.Corpus.Select(d => new TextRecord(d.Id, d.Title, d.Text)).ToList();
                var ingestion = services.GetRequiredService<IngestionPipeline>();
                await ingestion.IndexRecordsAsync(name, records, singleChunk: true, progress: null, ct);
                if (existed)
                {
                    // Unchanged records are skipped by content hash, so indexes built under other settings are rebuilt.
                    await ingestion.RebuildIndexesAsync(name, ct);
                }

                indexSeconds = Math.Round(clock.Elapsed.TotalSeconds, 3);
                Directory.CreateDirectory(Path.GetDirectoryName(fingerprintPath)!);
                await File.WriteAllTextAsync(fingerprintPath, fingerprint, ct);
            }

            var chunks = (await store.GetChunkCountsAsync(name, ct)).Values.Sum();
            var retriever = services.GetRequiredService<Retriever>();
            var pipelineName = parseResult.GetValue(pipeline)!;
            await using var dumpWriter = parseResult.GetValue(dump) is { } dumpPath ? new StreamWriter(dumpPath) : null;
            var idsByText = data.Queries.GroupBy(q => q.Text, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Id, StringComparer.Ordinal);
            var report = await new BeirEvaluator().EvaluateAsync(
                data,
                async (query, depth, token) =>
                {
                    // A dump asks for every candidate the pipeline scored, not only the depth that is judged.
                    var response = await retriever.SearchAsync(new SearchRequest(query, name, dumpWriter is null ? depth : 1000, pipelineName), token);
                    if (dumpWriter is not null)
                    {
                        await dumpWriter.WriteLineAsync(System.Text.Json.JsonSerializer.Serialize(new
                        {
                            id = idsByText[query],
                            hits = response.Hits.Select(h => new object?[] { h.Source, h.Scores.Bm25, h.Scores.Dense, h.Scores.Late, h.Scores.DenseWindows?.Select(w => double.IsNaN(w) ? (double?)null : w), h.Scores.Dense2 }),
                        }));
                    }

                    return [.. response.Hits.Select(h => h.Source).Distinct(StringComparer.Ordinal)];
                },
                pipelineName,
                chunks,
                indexSeconds,
                model: lexicalOnly ? null : modelName,
                ct);
            await console.WriteJsonAsync(report);
            return ExitCodes.Done;
        }, ct, ModelSettings(parseResult.GetValue(pipeline), parseResult.GetValue(model), parseResult.GetValue(secondModel))));
        return command;
    }

    /// <summary>The BEIR folder, or the retrieval view of a long-document QA file; with the file whose hash names the corpus.</summary>
    private static async Task<(BeirDataset Data, string CorpusPath)> LoadAsync(string? beir, string? longdoc, int passageWords, string split, CancellationToken ct)
    {
        if ((beir is null) == (longdoc is null))
        {
            throw new InvalidRequestException("Give either --beir DIR or --longdoc FILE.");
        }

        if (beir is not null)
        {
            var folder = Path.GetFullPath(beir);
            return (await BeirDataset.LoadAsync(folder, split, ct), Path.Combine(folder, "corpus.jsonl"));
        }

        var path = Path.GetFullPath(longdoc!);
        if (!File.Exists(path))
        {
            throw new InvalidRequestException($"No file '{path}'.");
        }

        var tasks = await RagPlatform.Core.Evaluation.Qa.LongDocLoader.LoadAsync(path, ct);
        return (LongDocRetrievalView.Build("leval-" + Path.GetFileNameWithoutExtension(path).Replace('_', '-'), tasks, passageWords), path);
    }

    /// <summary>bm25 is scored without loading a model (embedding 5,000 documents takes minutes on a laptop CPU).</summary>
    private static Dictionary<string, string?>? ModelSettings(string? pipeline, string? model, string? secondModel)
    {
        if (pipeline == SearchPipeline.Bm25)
        {
            return new() { ["Embedding:Enabled"] = "false" };
        }

        var settings = model is null ? new Dictionary<string, string?>()
            : Directory.Exists(model) ? new() { ["Embedding:ModelPath"] = Path.GetFullPath(model) }
            : new() { ["Embedding:Model"] = model };
        if (secondModel is not null)
        {
            settings["Embedding:SecondModel"] = Directory.Exists(secondModel) ? Path.GetFullPath(secondModel) : secondModel;
        }

        return settings.Count == 0 ? null : settings;
    }

    /// <summary>A model name or folder as a collection-name part.</summary>
    private static string Slug(string model) =>
        new([.. Path.GetFileName(model.TrimEnd('/')).ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-')]);

    /// <summary>The corpus file's hash plus the indexing settings that shape the collection.</summary>
    private static async Task<string> FingerprintAsync(string corpus, Bm25Options bm25, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(corpus);
        var hash = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken));
        return $"{hash} singleChunk=true bm25TitleInText={bm25.TitleInText} idDocValues=true";
    }
}
