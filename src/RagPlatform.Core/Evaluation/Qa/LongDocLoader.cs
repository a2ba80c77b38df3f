using System.Text.Json;
using System.Text.RegularExpressions;
using RagPlatform.Core.Errors;

namespace RagPlatform.Core.Evaluation.Qa;

/// <summary>
/// Reads L-Eval style JSONL: one object per line with "input" (the document), "instructions" (questions) and
/// "outputs" (gold answers, one per question). QuALITY instructions hold the options as " (A) ... (B) ..."
/// lines and the gold output starts with the correct letter.
/// </summary>
public static partial class LongDocLoader
{
    /// <summary>Loads every task of the file; throws <see cref="InvalidRequestException"/> on a malformed line.</summary>
    public static async Task<IReadOnlyList<LongDocTask>> LoadAsync(string path, CancellationToken cancellationToken)
    {
        var tasks = new List<LongDocTask>();
        var number = 0;
        foreach (var line in await File.ReadAllLinesAsync(path, cancellationToken))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            try
            {
                tasks.Add(Parse(line));
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
            {
                throw new InvalidRequestException($"{Path.GetFileName(path)} line {number} is not an L-Eval record: {e.Message}", e);
            }
        }

        return tasks;
    }

    /// <summary>Parses one JSONL line.</summary>
    public static LongDocTask Parse(string line)
    {
        using var json = JsonDocument.Parse(line);
        var root = json.RootElement;
        var document = root.GetProperty("input").GetString() ?? string.Empty;
        var instructions = root.GetProperty("instructions").EnumerateArray().Select(e => e.GetString() ?? string.Empty).ToList();
        var outputs = root.GetProperty("outputs").EnumerateArray().Select(e => e.GetString() ?? string.Empty).ToList();
        var source = root.TryGetProperty("source", out var s) ? s.GetString() ?? string.Empty : string.Empty;
        var evaluation = root.TryGetProperty("evaluation", out var ev) ? ev.GetString() ?? string.Empty : string.Empty;
        var questions = new List<LongDocQuestion>();
        for (var i = 0; i < Math.Min(instructions.Count, outputs.Count); i++)
        {
            questions.Add(ParseQuestion(instructions[i], outputs[i]));
        }

        return new LongDocTask(document, questions, source, evaluation);
    }

    /// <summary>Splits a multiple-choice instruction into stem and options; free-form questions pass through.</summary>
    public static LongDocQuestion ParseQuestion(string instruction, string output)
    {
        var matches = OptionLine().Matches(instruction);
        if (matches.Count < 2)
        {
            return new LongDocQuestion(instruction.Trim(), output.Trim());
        }

        var stem = instruction[..matches[0].Index].Trim();
        var options = matches.Select(m => m.Groups["text"].Value.Trim()).ToList();
        var gold = GoldLetter().Match(output);
        int? goldOption = gold.Success ? gold.Groups[1].Value[0] - 'A' : null;
        var goldText = gold.Success ? output[gold.Length..].Trim() : output.Trim();
        return new LongDocQuestion(stem, goldText, options, goldOption is >= 0 && goldOption < options.Count ? goldOption : null);
    }

    [GeneratedRegex(@"^\s*\((?<letter>[A-H])\)\s*(?<text>.*)$", RegexOptions.Multiline)]
    private static partial Regex OptionLine();

    [GeneratedRegex(@"^\s*\(([A-H])\)")]
    private static partial Regex GoldLetter();
}
