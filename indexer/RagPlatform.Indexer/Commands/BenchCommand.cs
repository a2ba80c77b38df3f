using System.CommandLine;
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RagPlatform.Core.Documents;
using RagPlatform.Core.Embeddings;
using RagPlatform.Core.Evaluation;
using RagPlatform.Core.Errors;
using RagPlatform.Core.Indexing;
using RagPlatform.Core.Retrieval;
using RagPlatform.Indexer.Benchmarks;
using RagPlatform.Indexer.Hosting;
using RagPlatform.Onnx;

namespace RagPlatform.Indexer.Commands;

/// <summary>
/// <c>ragp bench [--pdfs DIR] [--beir DIR] [--embed DIR [--embed-records N] [--embed-serial-last] [--model M]] [--ask DIR [--ask-questions FILE]] [--query DIR [--query-records N]]</c>:
/// PDF ingestion pages/s (decode only on one core, and end to end), BM25 query latency over a BEIR folder's queries,
/// embedding throughput of the bare encoder against the indexing pipeline, ask against search per stage, and per-stage
/// hybrid+rerank milliseconds. Runs in a fresh temporary data directory; prints JSON.
/// </summary>
internal static class BenchCommand
{
    // The ingestion writer's batch: up to 64 documents.
    private const int EmbedBatch = 64;

    public static Command Create(CliConsole console)
    {
        var pdfs = new Option<string?>("--pdfs") { Description = "A folder of PDFs for ingestion throughput" };
        var beir = new Option<string?>("--beir") { Description = "A BEIR folder (corpus.jsonl, queries.jsonl, qrels/test.tsv) for query latency" };
        var embed = new Option<string?>("--embed") { Description = "A BEIR folder whose corpus feeds the encoder-against-pipeline throughput run" };
        var embedRecords = new Option<int>("--embed-records") { Description = "Records of that corpus to embed", DefaultValueFactory = _ => 1000 };
        var serialLast = new Option<bool>("--embed-serial-last") { Description = "With --embed: run the serial pipeline after the configured one (default: before), to see the order's share under a drifting load" };
        var model = new Option<string?>("--model") { Description = "Embedding model for --embed (default: the configured one)" };
        var decodeOnly = new Option<bool>("--decode-only") { Description = "With --pdfs: decode and measure text quality, skip the end-to-end indexing run" };
        var words = new Option<string>("--words") { Description = "Word list for the unknown-word count of --pdfs (one word a line)", DefaultValueFactory = _ => "/usr/share/dict/words" };
        var query = new Option<string?>("--query") { Description = "A BEIR folder for per-stage hybrid+rerank latency (encode, bm25, dense, fuse, rerank, fetch, total)" };
        var queryRecords = new Option<int>("--query-records") { Description = "Records of that corpus to index for --query", DefaultValueFactory = _ => 500 };
        var command = new Command("bench", "Measure ingestion throughput, query latency and embedding throughput") { pdfs, beir, embed, embedRecords, serialLast, model, decodeOnly, words, query, queryRecords };
        var (ask, askQuestions, askRounds) = AskOptions(command);
        var generator = GeneratorBenchOptions.Add(command);
        command.SetAction(async (parseResult, ct) =>
        {
            if (parseResult.GetValue(generator.Enabled))
            {
                return await GeneratorBenchOptions.RunAsync(console, parseResult, generator, parseResult.GetValue(model), ct);
            }

            var scratch = Directory.CreateTempSubdirectory("ragp-bench-").FullName;
            try
            {
                return await RagpHost.RunAsync(console, scratch, async services =>
                {
                    string? pdfDir = parseResult.GetValue(pdfs), beirDir = parseResult.GetValue(beir), embedDir = parseResult.GetValue(embed);
                    string? askDir = parseResult.GetValue(ask);
                    var queryDir = parseResult.GetValue(query);
                    if (pdfDir is null && beirDir is null && embedDir is null && askDir is null && queryDir is null)
                    {
                        throw new InvalidRequestException("Give --pdfs DIR, --beir DIR, --embed DIR, --ask DIR, --query DIR or several.");
                    }

                    var report = new BenchReport
                    {
                        Machine = $"{Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}",
                        Date = DateTimeOffset.UtcNow,
                        Pdf = pdfDir is null ? null : await BenchPdfsAsync(services, pdfDir, parseResult.GetValue(decodeOnly), parseResult.GetValue(words)!, ct),
                        Bm25 = beirDir is null ? null : await BenchBeirAsync(services, beirDir, ct),
                        Embed = embedDir is null ? null : await BenchEmbedAsync(services, embedDir, parseResult.GetValue(embedRecords), parseResult.GetValue(serialLast), ct),
                        Ask = askDir is null ? null : await AskBenchRunner.RunAsync(services, askDir, parseResult.GetValue(askQuestions)!, parseResult.GetValue(askRounds), ct),
                        Query = queryDir is null ? null : await QueryStageBenchmark.RunAsync(services, queryDir, parseResult.GetValue(queryRecords), 300, ct),
                    };
                    await console.WriteJsonAsync(report);
                    return ExitCodes.Done;
                }, ct, parseResult.GetValue(model) is { } name ? new Dictionary<string, string?> { ["Embedding:Model"] = name } : null);
            }
            finally
            {
                Directory.Delete(scratch, recursive: true);
            }
        });
        return command;
    }

    private static async Task<PdfBench> BenchPdfsAsync(IServiceProvider services, string folder, bool decodeOnly, string wordList, CancellationToken cancellationToken)
    {
        var decoder = services.GetRequiredService<IDocumentDecoder>();
        var sources = SourceEnumerator.Enumerate([folder], [".pdf"]);
        if (sources.Count == 0)
        {
            throw new InvalidRequestException($"No PDF files under {folder}.");
        }

        // Decode only, one file at a time on one thread: pages per second per core.
        var pages = 0;
        var decoded = new List<(string File, DocumentText Text)>();
        var clock = Stopwatch.StartNew();
        foreach (var source in sources)
        {
            var bytes = await File.ReadAllBytesAsync(source.Path, cancellationToken);
            try
            {
                var text = decoder.Decode(bytes, Path.GetFileName(source.Path), cancellationToken);
                pages += text.Pages.Count;
                decoded.Add((source.Path, text));
            }
            catch (DocumentFormatException)
            {
                // A file that does not decode counts no pages; end to end reports it as failed.
            }
        }

        var decodeSeconds = clock.Elapsed.TotalSeconds;
        if (RagPlatform.Ingestion.Pdf.DecodeProfile.Enabled)
        {
            await Console.Error.WriteAsync(RagPlatform.Ingestion.Pdf.DecodeProfile.Report());
        }

        var files = new List<PdfFileBench>();
        var (referenceSeconds, referencePages) = (0.0, 0);
        var dictionary = File.Exists(wordList) ? WordQuality.Vocabulary(File.ReadLines(wordList)) : null;
        var (words, unknown) = (0, 0);
        foreach (var (path, text) in decoded)
        {
            var reference = await PdfToText.RunAsync(path, cancellationToken);
            WordQualityCount? quality = null;
            if (reference is not null)
            {
                referenceSeconds += reference.Seconds;
                referencePages += text.Pages.Count;
                if (dictionary is not null)
                {
                    quality = WordQuality.Count(text.Text, WordQuality.Vocabulary([reference.Text]), dictionary);
                    (words, unknown) = (words + quality.Words, unknown + quality.Unknown);
                }
            }

            files.Add(new PdfFileBench(Path.GetFileName(path), text.Pages.Count, text.Title, text.Sections.Count,
                text.Sections.Take(12).Select(s => s.Number is null ? s.Title : $"{s.Number} {s.Title}").ToList(),
                quality?.PerThousand, quality?.Examples ?? [], text.Warnings.Count)
            {
                Tables = text.Tables.Select(t => $"p{t.Page} {t.Rows}x{t.Columns} {(t.Caption is null ? "" : t.Caption[..Math.Min(t.Caption.Length, 24)])}").ToList(),
                Furniture = text.Furniture.Count,
            });
        }

        PdfEndToEnd? endToEnd = null;
        if (!decodeOnly)
        {
            var pipeline = services.GetRequiredService<IngestionPipeline>();
            clock.Restart();
            var summary = await pipeline.IndexAsync("bench-pdfs", sources, prune: false, progress: null, cancellationToken);
            var endToEndSeconds = clock.Elapsed.TotalSeconds;
            var cores = Math.Min(services.GetRequiredService<IOptions<IngestionOptions>>().Value.Parallelism, Environment.ProcessorCount);
            endToEnd = new PdfEndToEnd(summary.Pages, summary.Chunks, summary.Failed, cores, Math.Round(endToEndSeconds, 3),
                Math.Round(summary.Pages / endToEndSeconds, 2), Math.Round(summary.Pages / endToEndSeconds / cores, 2));
        }

        return new PdfBench(
            sources.Count, pages, Math.Round(decodeSeconds, 3), Math.Round(pages / decodeSeconds, 2),
            referencePages == 0 ? null : Math.Round(referencePages / referenceSeconds, 2),
            dictionary is null || words == 0 ? null : Math.Round(1000.0 * unknown / words, 2),
            words, unknown, files, endToEnd);
    }

    private static async Task<QueryBench> BenchBeirAsync(IServiceProvider services, string folder, CancellationToken cancellationToken)
    {
        var corpus = await BeirFiles.ReadCorpusAsync(folder, cancellationToken);
        var queries = await BeirFiles.ReadQueriesAsync(folder, "test", cancellationToken);
        var clock = Stopwatch.StartNew();
        var summary = await services.GetRequiredService<IngestionPipeline>().IndexRecordsAsync("bench-beir", corpus, singleChunk: true, progress: null, cancellationToken);
        var indexSeconds = clock.Elapsed.TotalSeconds;

        var retriever = services.GetRequiredService<Retriever>();
        var latencies = new List<double>(queries.Count);
        foreach (var query in queries)
        {
            clock.Restart();
            await retriever.SearchAsync(new SearchRequest(query, "bench-beir", 100, SearchPipeline.Bm25), cancellationToken);
            latencies.Add(clock.Elapsed.TotalMilliseconds);
        }

        latencies.Sort();
        return new QueryBench(corpus.Count, summary.Chunks, Math.Round(indexSeconds, 3), queries.Count,
            Percentile(latencies, 0.50), Percentile(latencies, 0.95));
    }

    private static async Task<EmbedBench> BenchEmbedAsync(IServiceProvider services, string folder, int count, bool serialLast, CancellationToken cancellationToken)
    {
        var encoder = services.GetService<OnnxEmbeddingGenerator>()
            ?? throw new InvalidRequestException("--embed needs an embedding model (Embedding:Enabled=true).");
        var records = (await BeirFiles.ReadCorpusAsync(folder, cancellationToken)).Take(Math.Max(1, count)).ToList();
        var texts = records.Select(r => DenseIndexWriter.PassageText(r.Title, r.Text)).ToList();
        var tokens = texts.Sum(t => (long)Math.Min(encoder.CountTokens(t), encoder.Spec.MaxTokens));

        // Warm the session, then encode in the pipeline's own batch size (one writer batch of records).
        encoder.EncodeTokens([.. texts.Take(8)], false, cancellationToken);

        // The pipeline also embeds each record's evidence sentences (Answer:SentenceVectors): the bare encoder does the
        // same work, so the ratio measures what the pipeline adds, not what it encodes.
        var sentences = services.GetRequiredService<IOptions<Core.Answering.AnswerOptions>>().Value.SentenceVectors
            ? DenseIndexWriter.EmbeddedSentences(records.Select(r => r.Text)) : [];

        // On a shared machine the load drifts: the bare encoder runs before and after the two pipelines and its mean
        // is the reference; the serial pipeline (Ingestion:EncodeAhead=0) and the configured one index the same
        // records into two collections, so all three ratios come from one run.
        var bareBefore = await TimeBareAsync(encoder, texts, sentences, cancellationToken);
        var configured = services.GetRequiredService<IOptions<IngestionOptions>>().Value;
        var serialPipeline = ActivatorUtilities.CreateInstance<IngestionPipeline>(
            services, Options.Create(new IngestionOptions { Parallelism = configured.Parallelism, EncodeAhead = 0 }));
        var serial = 0.0;
        if (!serialLast)
        {
            serial = await TimeIndexingAsync(serialPipeline, "bench-embed-serial", records, cancellationToken);
        }

        var pipeline = await TimeIndexingAsync(services.GetRequiredService<IngestionPipeline>(), "bench-embed", records, cancellationToken);
        if (serialLast)
        {
            serial = await TimeIndexingAsync(serialPipeline, "bench-embed-serial", records, cancellationToken);
        }

        var bareAfter = await TimeBareAsync(encoder, texts, sentences, cancellationToken);
        var bare = (bareBefore + bareAfter) / 2;
        return new EmbedBench(
            encoder.Spec.Name, encoder.Threads, records.Count, tokens,
            Math.Round(bare, 3), Math.Round(tokens / bare), Math.Round(tokens / bare / encoder.Threads),
            Math.Round(pipeline, 3), Math.Round(tokens / pipeline), Math.Round(bare / pipeline, 3))
        {
            Sentences = sentences.Count,
            EncodeAhead = configured.EncodeAhead,
            BareSecondsBefore = Math.Round(bareBefore, 3),
            BareSecondsAfter = Math.Round(bareAfter, 3),
            SerialPipelineSeconds = Math.Round(serial, 3),
            SerialPipelineShareOfBare = Math.Round(bare / serial, 3),
        };
    }

    private static async Task<double> TimeIndexingAsync(IngestionPipeline pipeline, string collection, IReadOnlyList<TextRecord> records, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        await pipeline.IndexRecordsAsync(collection, records, singleChunk: true, progress: null, cancellationToken);
        return clock.Elapsed.TotalSeconds;
    }

    /// <summary>Seconds the bare encoder takes for the passages (token pass, writer batches) and the evidence sentences.</summary>
    private static async Task<double> TimeBareAsync(OnnxEmbeddingGenerator encoder, List<string> texts, IReadOnlyList<string> sentences, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        foreach (var batch in texts.Chunk(EmbedBatch))
        {
            encoder.EncodeTokens(batch, false, cancellationToken);
        }

        foreach (var batch in sentences.Chunk(512))
        {
            await encoder.GenerateAsync(batch, null, cancellationToken);
        }

        return clock.Elapsed.TotalSeconds;
    }

    /// <summary>The <c>--ask</c> options (kept apart from the other benchmarks' options).</summary>
    private static (Option<string?> Ask, Option<string> Questions, Option<int> Rounds) AskOptions(Command command)
    {
        var ask = new Option<string?>("--ask") { Description = "A folder of documents (e.g. samples) for ask-against-search latency" };
        var questions = new Option<string>("--ask-questions") { Description = "The question set (JSONL) asked with --ask", DefaultValueFactory = _ => "eval/samples-questions.jsonl" };
        var rounds = new Option<int>("--ask-rounds") { Description = "Times each question is asked with --ask", DefaultValueFactory = _ => 3 };
        command.Options.Add(ask);
        command.Options.Add(questions);
        command.Options.Add(rounds);
        return (ask, questions, rounds);
    }

    private static double Percentile(List<double> sorted, double p)
        => sorted.Count == 0 ? 0 : Math.Round(sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)], 3);
}
