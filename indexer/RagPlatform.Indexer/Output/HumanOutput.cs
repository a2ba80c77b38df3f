using RagPlatform.Core.Documents;
using RagPlatform.Core.Indexing;
using RagPlatform.Core.Jobs;
using RagPlatform.Core.Retrieval;
using System.Globalization;
using Spectre.Console;

namespace RagPlatform.Indexer.Output;

/// <summary>Tables and lines for people (the output without <c>--json</c>).</summary>
internal static class HumanOutput
{
    public static void WriteIndexSummary(CliConsole console, IndexSummary s, Guid jobId, IReadOnlyList<SkippedFile>? skipped = null)
    {
        console.Human.WriteLine(
            $"{s.Collection}: {s.Added} added, {s.Updated} updated, {s.Unchanged} unchanged, {s.Removed} removed, {s.Failed} failed");
        console.Human.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {s.Pages} pages, {s.Chunks} chunks in {s.Seconds:F1}s (job {jobId})"));
        foreach (var error in s.Errors)
        {
            console.Human.WriteLine($"  failed: {error.Path}: {error.Error.ReplaceLineEndings(" ")}");
        }

        foreach (var file in skipped ?? [])
        {
            console.Human.WriteLine($"  skipped: {file.Path} ({file.Reason})");
        }
    }

    /// <summary>One block per hit (rank, score, title; id, pages and span; the snippet wrapped), so 80 columns suffice.</summary>
    public static void WriteSearch(CliConsole console, SearchResponse response)
    {
        var width = console.Width;
        var emphasis = console.Human.Profile.Capabilities.Ansi;
        var rank = 0;
        foreach (var hit in response.Hits)
        {
            var head = $"{++rank,2}. {hit.Score.ToString("F3", CultureInfo.InvariantCulture)}  ";
            console.Human.WriteLine(head + Fit.End(hit.Title, width - head.Length));
            console.Human.WriteLine($"    {hit.DocumentId}  pages {hit.PageStart}-{hit.PageEnd}  chars {hit.CharStart}-{hit.CharEnd}");
            if (!string.IsNullOrWhiteSpace(hit.Section))
            {
                console.Human.WriteLine("    " + Fit.End(hit.Section, width - 4));
            }

            foreach (var line in SnippetMarkup.Lines(hit.Snippet, width - 4, emphasis))
            {
                console.Human.MarkupLine("    " + line);
            }

            console.Human.WriteLine();
        }

        console.Human.WriteLine($"{response.Hits.Count} hits in {response.TookMs.ToString("F1", CultureInfo.InvariantCulture)} ms ({response.Pipeline})");
    }

    /// <summary>Two or three lines per document: the full id (to copy), state and counts; the title; the source.</summary>
    public static void WriteDocuments(CliConsole console, IReadOnlyList<DocumentInfo> documents)
    {
        var width = console.Width;
        foreach (var d in documents)
        {
            console.Human.WriteLine($"{d.Id}  {d.State}  {Count(d.Pages, "page")}  {Count(d.Chunks, "chunk")}");
            console.Human.WriteLine("  " + Fit.End(d.Title, width - 2));
            console.Human.WriteLine("  " + Fit.Start(d.Source, width - 2));
        }

        console.Human.WriteLine($"{Count(documents.Count, "document")}");
    }

    public static void WriteDocument(CliConsole console, DocumentInfo d)
    {
        console.Human.WriteLine($"{d.Id}  {d.State}  {d.Title}");
        console.Human.WriteLine($"  source: {d.Source}");
        console.Human.WriteLine($"  collection: {d.Collection}  pages: {d.Pages}  chunks: {d.Chunks}  bytes: {d.Bytes}");
        foreach (var warning in d.Warnings)
        {
            console.Human.WriteLine($"  warning: {warning}");
        }

        if (d.Error is not null)
        {
            console.Human.WriteLine($"  error: {d.Error}");
        }
    }

    public static void WriteJobs(CliConsole console, IReadOnlyList<JobInfo> jobs)
    {
        var width = console.Width;
        foreach (var j in jobs)
        {
            console.Human.WriteLine($"{j.Id}  {j.State}  {j.Processed}/{j.Total} done");
            console.Human.WriteLine("  " + Fit.End($"{j.Collection}: {j.Added} added, {j.Updated} updated, {j.Unchanged} unchanged, {j.Failed} failed", width - 2));
            console.Human.WriteLine("  " + Fit.Start(j.Path, width - 2));
        }
    }

    private static string Count(int n, string noun) => $"{n.ToString(CultureInfo.InvariantCulture)} {noun}{(n == 1 ? "" : "s")}";
}
