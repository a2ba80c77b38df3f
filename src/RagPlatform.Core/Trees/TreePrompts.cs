using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;

namespace RagPlatform.Core.Trees;

/// <summary>
/// The chat prompts of the tree: summarizing children into a parent, and MemWalker's two navigation prompts
/// (triage: which child to read next, or none; leaf: does this passage answer, or go back), with their parsers.
/// </summary>
internal static partial class TreePrompts
{
    public static List<ChatMessage> Summarize(IEnumerable<string> children)
    {
        var text = new StringBuilder("Summarize the following consecutive parts of one document in at most five sentences. ")
            .Append("Keep names, numbers and obligations; add nothing that is not in the parts.\n\n");
        var n = 1;
        foreach (var child in children)
        {
            text.Append(CultureInfo.InvariantCulture, $"Part {n++}: {child}\n\n");
        }

        return [new ChatMessage(ChatRole.User, text.ToString())];
    }

    public static List<ChatMessage> Triage(string question, IReadOnlyList<string> memory, IReadOnlyList<string> children)
    {
        var text = new StringBuilder("The following numbered summaries describe consecutive parts of a document.\n\n");
        for (var i = 0; i < children.Count; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"Summary {i + 1}: {children[i]}\n\n");
        }

        AppendMemory(text, memory);
        text.Append(CultureInfo.InvariantCulture, $"Question: {question}\n\n")
            .Append("Which part is most likely to contain the answer? First reason briefly, then end with one line ")
            .Append(CultureInfo.InvariantCulture, $"\"Action: N\" where N is the summary number (1 to {children.Count}), or \"Action: back\" if none fits.");
        return [new ChatMessage(ChatRole.User, text.ToString())];
    }

    public static List<ChatMessage> Leaf(string question, IReadOnlyList<string> memory, string passage)
    {
        var text = new StringBuilder("Read the passage from a document.\n\n")
            .Append(CultureInfo.InvariantCulture, $"Passage: {passage}\n\n");
        AppendMemory(text, memory);
        text.Append(CultureInfo.InvariantCulture, $"Question: {question}\n\n")
            .Append("Does the passage answer the question? First reason briefly, then end with one line ")
            .Append("\"Action: answer\" if it does, or \"Action: back\" to look elsewhere in the document.");
        return [new ChatMessage(ChatRole.User, text.ToString())];
    }

    /// <summary>The child chosen by a triage reply (0-based), -1 for "back", null when the reply cannot be read.</summary>
    public static int? ParseTriage(string? reply, int children)
    {
        var match = ActionLine().Matches(reply ?? string.Empty).LastOrDefault();
        if (match is null)
        {
            return null;
        }

        var value = match.Groups[1].Value;
        if (value.Equals("back", StringComparison.OrdinalIgnoreCase))
        {
            return -1;
        }

        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1 && n <= children ? n - 1 : null;
    }

    /// <summary>True for "answer", false for "back", null when the reply cannot be read.</summary>
    public static bool? ParseLeaf(string? reply)
    {
        var match = ActionLine().Matches(reply ?? string.Empty).LastOrDefault();
        return match?.Groups[1].Value.ToLowerInvariant() switch
        {
            "answer" => true,
            "back" => false,
            _ => null,
        };
    }

    private static void AppendMemory(StringBuilder text, IReadOnlyList<string> memory)
    {
        if (memory.Count == 0)
        {
            return;
        }

        text.Append("Working memory (what you read on the way here):\n");
        foreach (var item in memory)
        {
            text.Append("- ").Append(item).Append('\n');
        }

        text.Append('\n');
    }

    [GeneratedRegex(@"Action:\s*\**\s*(\d+|back|answer)\b", RegexOptions.IgnoreCase)]
    private static partial Regex ActionLine();
}
