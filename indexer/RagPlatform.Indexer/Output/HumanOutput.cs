using RagPlatform.Core.Documents;
using RagPlatform.Core.Indexing;
using RagPlatform.Core.Jobs;
using RagPlatform.Core.Retrieval;
using Spectre.Console;

namespace RagPlatform.Indexer.Output;

/// <summary>Tables and lines for people (the output without <c>--json</c>).</summary>
internal static class HumanOutput
{
    public static void WriteIndexSummary(CliConsole console, IndexSummary s, Guid jobId)
    {
        console.Human.WriteLine(
            $"{s.Collection}: {s.Added} added, {s.Updated} updated, {s.Unchanged} unchanged, {s.Removed} removed, {s.Failed} failed; " +
            $"{s.Pages} pages, {s.Chunks} chunks in {s.Seconds:F1}s (job {jobId})");
        foreach (var error in s.Errors)
        {
            console.Human.WriteLine($"  failed: {error.Path}: {error.Error}");
        }
    }

    public static void WriteSearch(CliConsole console, SearchResponse response)
    {
        var table = new Table().AddColumns("#", "score", "document", "pages", "span", "snippet");
        var rank = 0;
        foreach (var hit in response.Hits)
        {
            table.AddRow(
                (++rank).ToString(System.Globalization.CultureInfo.InvariantCulture),
                hit.Score.ToString("F3", System.Globalization.CultureInfo.InvariantCulture),
                Markup.Escape($"{hit.Title}\n{hit.DocumentId}"),
                $"{hit.PageStart}-{hit.PageEnd}",
                $"{hit.CharStart}-{hit.CharEnd}",
                Markup.Escape(hit.Snippet));
        }

        console.Human.Write(table);
        console.Human.WriteLine($"{response.Hits.Count} hits in {response.TookMs:F1} ms ({response.Pipeline})");
    }

    public static void WriteDocuments(CliConsole console, IReadOnlyList<DocumentInfo> documents)
    {
        var table = new Table().AddColumns("id", "state", "pages", "chunks", "title", "source");
        foreach (var d in documents)
        {
            table.AddRow(d.Id.ToString(), d.State.ToString(), d.Pages.ToString(System.Globalization.CultureInfo.InvariantCulture),
                d.Chunks.ToString(System.Globalization.CultureInfo.InvariantCulture), Markup.Escape(d.Title), Markup.Escape(d.Source));
        }

        console.Human.Write(table);
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
        var table = new Table().AddColumns("id", "state", "collection", "done", "added", "updated", "unchanged", "failed", "path");
        foreach (var j in jobs)
        {
            table.AddRow(j.Id.ToString(), j.State.ToString(), Markup.Escape(j.Collection), $"{j.Processed}/{j.Total}",
                $"{j.Added}", $"{j.Updated}", $"{j.Unchanged}", $"{j.Failed}", Markup.Escape(j.Path));
        }

        console.Human.Write(table);
    }
}
