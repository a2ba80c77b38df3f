using System.Globalization;
using System.Text.Json;
using RagPlatform.Core.Errors;

namespace RagPlatform.Core.Evaluation;

/// <summary>
/// A BEIR dataset folder: corpus.jsonl (<c>_id</c>, <c>title</c>, <c>text</c>), queries.jsonl (<c>_id</c>, <c>text</c>)
/// and qrels/{split}.tsv (header "query-id corpus-id score"). Only queries judged in the split are kept.
/// </summary>
/// <param name="Name">Dataset name (the folder name).</param>
/// <param name="Split">The qrels split.</param>
/// <param name="Corpus">Every corpus document.</param>
/// <param name="Queries">Queries that have judgments in the split, in file order.</param>
/// <param name="Qrels">Relevance per query id, then per corpus id.</param>
public sealed record BeirDataset(
    string Name,
    string Split,
    IReadOnlyList<BeirDocument> Corpus,
    IReadOnlyList<BeirQuery> Queries,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>> Qrels)
{
    /// <summary>Loads the dataset from <paramref name="directory"/>.</summary>
    public static async Task<BeirDataset> LoadAsync(string directory, string split, CancellationToken cancellationToken)
    {
        var qrelsPath = Path.Combine(directory, "qrels", split + ".tsv");
        var corpusPath = Path.Combine(directory, "corpus.jsonl");
        var queriesPath = Path.Combine(directory, "queries.jsonl");
        foreach (var path in new[] { qrelsPath, corpusPath, queriesPath })
        {
            if (!File.Exists(path))
            {
                throw new InvalidRequestException($"The BEIR folder '{directory}' lacks {Path.GetRelativePath(directory, path)}.");
            }
        }

        var qrels = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
        var lineNo = 0;
        foreach (var line in await File.ReadAllLinesAsync(qrelsPath, cancellationToken).ConfigureAwait(false))
        {
            lineNo++;
            var parts = line.Split('\t');
            if (line.Length == 0 || (lineNo == 1 && parts[0] == "query-id"))
            {
                continue;
            }

            if (parts.Length < 3 || !int.TryParse(parts[2], NumberStyles.Integer, CultureInfo.InvariantCulture, out var rel))
            {
                throw new InvalidRequestException($"{qrelsPath}:{lineNo}: expected 'query-id<TAB>corpus-id<TAB>score'.");
            }

            if (!qrels.TryGetValue(parts[0], out var judged))
            {
                qrels[parts[0]] = judged = new Dictionary<string, int>(StringComparer.Ordinal);
            }

            judged[parts[1]] = rel;
        }

        var corpus = new List<BeirDocument>();
        await foreach (var e in ReadJsonLinesAsync(corpusPath, cancellationToken).ConfigureAwait(false))
        {
            corpus.Add(new BeirDocument(Str(e, "_id"), Str(e, "title"), Str(e, "text")));
        }

        var queries = new List<BeirQuery>();
        await foreach (var e in ReadJsonLinesAsync(queriesPath, cancellationToken).ConfigureAwait(false))
        {
            var id = Str(e, "_id");
            if (qrels.ContainsKey(id))
            {
                queries.Add(new BeirQuery(id, Str(e, "text")));
            }
        }

        var name = new DirectoryInfo(Path.GetFullPath(directory)).Name;
        return new BeirDataset(name, split, corpus, queries,
            qrels.ToDictionary(p => p.Key, p => (IReadOnlyDictionary<string, int>)p.Value, StringComparer.Ordinal));
    }

    private static async IAsyncEnumerable<JsonElement> ReadJsonLinesAsync(
        string path, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(path);
        var lineNo = 0;
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            lineNo++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            JsonElement element;
            try
            {
                using var doc = JsonDocument.Parse(line);
                element = doc.RootElement.Clone();
            }
            catch (JsonException ex)
            {
                throw new InvalidRequestException($"{path}:{lineNo}: invalid JSON ({ex.Message}).");
            }

            yield return element;
        }
    }

    private static string Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! :
        e.TryGetProperty(name, out v) && v.ValueKind == JsonValueKind.Number ? v.GetRawText() : string.Empty;
}
