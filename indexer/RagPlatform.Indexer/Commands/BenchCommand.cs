using System.CommandLine;
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RagPlatform.Core.Errors;
using RagPlatform.Core.Indexing;
using RagPlatform.Core.Retrieval;
using RagPlatform.Indexer.Benchmarks;
using RagPlatform.Indexer.Hosting;

namespace RagPlatform.Indexer.Commands;

/// <summary>
/// <c>ragp bench [--pdfs DIR] [--beir DIR]</c>: PDF ingestion pages/s (decode only on one core, and end to end) and
/// BM25 query latency over a BEIR folder's queries. Runs in a fresh temporary data directory; prints JSON.
/// </summary>
internal static class BenchCommand
{
    public static Command Create(CliConsole console)
    {
        var pdfs = new Option<string?>("--pdfs") { Description = "A folder of PDFs for ingestion throughput" };
        var beir = new Option<string?>("--beir") { Description = "A BEIR folder (corpus.jsonl, queries.jsonl, qrels/test.tsv) for query latency" };
        var command = new Command("bench", "Measure ingestion throughput and query latency") { pdfs, beir };
        command.SetAction(async (parseResult, ct) =>
        {
            var scratch = Directory.CreateTempSubdirectory("ragp-bench-").FullName;
            try
            {
                return await RagpHost.RunAsync(console, scratch, async services =>
                {
                    string? pdfDir = parseResult.GetValue(pdfs), beirDir = parseResult.GetValue(beir);
                    if (pdfDir is null && beirDir is null)
                    {
                        throw new InvalidRequestException("Give --pdfs DIR, --beir DIR or both.");
                    }

                    var report = new BenchReport
                    {
                        Machine = $"{Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}",
                        Date = DateTimeOffset.UtcNow,
                        Pdf = pdfDir is null ? null : await BenchPdfsAsync(services, pdfDir, ct),
                        Bm25 = beirDir is null ? null : await BenchBeirAsync(services, beirDir, ct),
                    };
                    await console.WriteJsonAsync(report);
                    return ExitCodes.Done;
                }, ct);
            }
            finally
            {
                Directory.Delete(scratch, recursive: true);
            }
        });
        return command;
    }

    private static async Task<PdfBench> BenchPdfsAsync(IServiceProvider services, string folder, CancellationToken cancellationToken)
    {
        var decoder = services.GetRequiredService<IDocumentDecoder>();
        var sources = SourceEnumerator.Enumerate([folder], [".pdf"]);
        if (sources.Count == 0)
        {
            throw new InvalidRequestException($"No PDF files under {folder}.");
        }

        // Decode only, one file at a time on one thread: pages per second per core.
        var pages = 0;
        var clock = Stopwatch.StartNew();
        foreach (var source in sources)
        {
            var bytes = await File.ReadAllBytesAsync(source.Path, cancellationToken);
            try
            {
                pages += decoder.Decode(bytes, Path.GetFileName(source.Path), cancellationToken).Pages.Count;
            }
            catch (DocumentFormatException)
            {
                // A file that does not decode counts no pages; end to end reports it as failed.
            }
        }

        var decodeSeconds = clock.Elapsed.TotalSeconds;
        var pipeline = services.GetRequiredService<IngestionPipeline>();
        clock.Restart();
        var summary = await pipeline.IndexAsync("bench-pdfs", sources, prune: false, progress: null, cancellationToken);
        var endToEndSeconds = clock.Elapsed.TotalSeconds;
        var cores = Math.Min(services.GetRequiredService<IOptions<IngestionOptions>>().Value.Parallelism, Environment.ProcessorCount);
        return new PdfBench(
            sources.Count, pages, Math.Round(decodeSeconds, 3), Math.Round(pages / decodeSeconds, 2),
            summary.Pages, summary.Chunks, summary.Failed, cores, Math.Round(endToEndSeconds, 3),
            Math.Round(summary.Pages / endToEndSeconds, 2), Math.Round(summary.Pages / endToEndSeconds / cores, 2));
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

    private static double Percentile(List<double> sorted, double p)
        => sorted.Count == 0 ? 0 : Math.Round(sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)], 3);
}
