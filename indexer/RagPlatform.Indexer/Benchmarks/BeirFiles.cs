using System.Text.Json;
using RagPlatform.Core.Errors;
using RagPlatform.Core.Indexing;

namespace RagPlatform.Indexer.Benchmarks;

/// <summary>Reads a BEIR folder's corpus and queries for the benchmark (evaluation proper lives in Core).</summary>
internal static class BeirFiles
{
    public static async Task<IReadOnlyList<TextRecord>> ReadCorpusAsync(string folder, CancellationToken cancellationToken)
    {
        var records = new List<TextRecord>();
        await foreach (var line in File.ReadLinesAsync(Require(folder, "corpus.jsonl"), cancellationToken))
        {
            if (line.Length > 0)
            {
                using var json = JsonDocument.Parse(line);
                var root = json.RootElement;
                records.Add(new TextRecord(
                    root.GetProperty("_id").ToString(),
                    root.TryGetProperty("title", out var title) ? title.GetString() ?? string.Empty : string.Empty,
                    root.TryGetProperty("text", out var text) ? text.GetString() ?? string.Empty : string.Empty));
            }
        }

        return records;
    }

    /// <summary>Queries of <paramref name="split"/> (those in qrels/SPLIT.tsv when it exists, else all).</summary>
    public static async Task<IReadOnlyList<string>> ReadQueriesAsync(string folder, string split, CancellationToken cancellationToken)
    {
        var qrels = Path.Combine(folder, "qrels", split + ".tsv");
        HashSet<string>? wanted = null;
        if (File.Exists(qrels))
        {
            wanted = [.. (await File.ReadAllLinesAsync(qrels, cancellationToken)).Skip(1).Select(l => l.Split('\t')[0])];
        }

        var queries = new List<string>();
        await foreach (var line in File.ReadLinesAsync(Require(folder, "queries.jsonl"), cancellationToken))
        {
            if (line.Length > 0)
            {
                using var json = JsonDocument.Parse(line);
                if (wanted is null || wanted.Contains(json.RootElement.GetProperty("_id").ToString()))
                {
                    queries.Add(json.RootElement.GetProperty("text").GetString() ?? string.Empty);
                }
            }
        }

        return queries;
    }

    private static string Require(string folder, string name)
    {
        var path = Path.Combine(folder, name);
        return File.Exists(path) ? path : throw new FileNotFoundException($"No {name} in {folder}.", path);
    }
}
