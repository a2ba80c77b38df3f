using System.Text.Json;
using RagPlatform.Core.Errors;

namespace RagPlatform.Core.Evaluation.Qa;

/// <summary>
/// Reads a question set: JSON Lines (one object a line; blank lines and lines starting with <c>//</c> are skipped) or
/// one JSON array of the same objects. Fields: <c>question</c> (required), <c>collection</c>, <c>document</c>,
/// <c>keyPhrases</c> (strings; required and non-empty unless <c>answerable</c> is false), <c>pages</c> (1-based
/// integers), <c>answerable</c> (default true). Any other field is ignored, so sets can carry notes.
/// A bad line throws <see cref="InvalidRequestException"/> naming the line and what is wrong with it.
/// </summary>
public static class QuestionSetLoader
{
    /// <summary>Loads the file at <paramref name="path"/>.</summary>
    public static async Task<IReadOnlyList<QuestionSetItem>> LoadAsync(string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            throw new InvalidRequestException($"No such question file: {path}");
        }

        return Parse(await File.ReadAllTextAsync(path, cancellationToken), Path.GetFileName(path));
    }

    /// <summary>Parses question-set text; <paramref name="name"/> names it in error messages.</summary>
    public static IReadOnlyList<QuestionSetItem> Parse(string content, string name)
    {
        ArgumentNullException.ThrowIfNull(content);
        var items = content.TrimStart().StartsWith('[') ? ParseArray(content, name) : ParseLines(content, name);
        return items.Count > 0 ? items : throw new InvalidRequestException($"{name} holds no questions.");
    }

    private static List<QuestionSetItem> ParseLines(string content, string name)
    {
        var items = new List<QuestionSetItem>();
        var lines = content.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith("//", StringComparison.Ordinal))
            {
                continue;
            }

            JsonDocument json;
            try
            {
                json = JsonDocument.Parse(line);
            }
            catch (JsonException e)
            {
                throw new InvalidRequestException($"{name} line {i + 1} is not JSON: {e.Message}", e);
            }

            using (json)
            {
                items.Add(Read(json.RootElement, i + 1, $"{name} line {i + 1}"));
            }
        }

        return items;
    }

    private static List<QuestionSetItem> ParseArray(string content, string name)
    {
        JsonDocument json;
        try
        {
            json = JsonDocument.Parse(content);
        }
        catch (JsonException e)
        {
            throw new InvalidRequestException($"{name} is not a JSON array of questions: {e.Message}", e);
        }

        using (json)
        {
            if (json.RootElement.ValueKind != JsonValueKind.Array)
            {
                throw new InvalidRequestException($"{name} is not a JSON array of questions.");
            }

            return [.. json.RootElement.EnumerateArray().Select((e, i) => Read(e, i + 1, $"{name} item {i + 1}"))];
        }
    }

    private static QuestionSetItem Read(JsonElement e, int line, string where)
    {
        if (e.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidRequestException($"{where}: expected a JSON object, got {e.ValueKind}.");
        }

        var question = String(e, "question", where)?.Trim();
        if (string.IsNullOrEmpty(question))
        {
            throw new InvalidRequestException($"{where}: 'question' is missing or empty.");
        }

        var answerable = true;
        if (e.TryGetProperty("answerable", out var a) && a.ValueKind != JsonValueKind.Null)
        {
            answerable = a.ValueKind switch
            {
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                _ => throw new InvalidRequestException($"{where}: 'answerable' must be true or false."),
            };
        }

        var phrases = Array(e, "keyPhrases", where, JsonValueKind.String, x => x.GetString()!.Trim());
        if (phrases.Any(p => p.Length == 0))
        {
            throw new InvalidRequestException($"{where}: 'keyPhrases' holds an empty phrase.");
        }

        if (answerable && phrases.Count == 0)
        {
            throw new InvalidRequestException($"{where}: an answerable question needs at least one entry in 'keyPhrases'.");
        }

        var pages = Array(e, "pages", where, JsonValueKind.Number, x => x.TryGetInt32(out var p) && p >= 1
            ? p
            : throw new InvalidRequestException($"{where}: 'pages' must hold 1-based whole page numbers; got {x.GetRawText()}."));
        return new QuestionSetItem(line, question, String(e, "collection", where), String(e, "document", where), phrases, pages, answerable);
    }

    private static string? String(JsonElement e, string field, string where)
    {
        if (!e.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String
            ? value.GetString() is { Length: > 0 } s ? s : null
            : throw new InvalidRequestException($"{where}: '{field}' must be a string.");
    }

    private static List<T> Array<T>(JsonElement e, string field, string where, JsonValueKind kind, Func<JsonElement, T> read)
    {
        if (!e.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        if (value.ValueKind != JsonValueKind.Array || value.EnumerateArray().Any(x => x.ValueKind != kind))
        {
            throw new InvalidRequestException($"{where}: '{field}' must be an array of {(kind == JsonValueKind.String ? "strings" : "numbers")}.");
        }

        return [.. value.EnumerateArray().Select(read)];
    }
}
