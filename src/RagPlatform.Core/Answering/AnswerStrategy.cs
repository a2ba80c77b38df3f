using RagPlatform.Core.Errors;

namespace RagPlatform.Core.Answering;

/// <summary>The answering strategies of CONTRACT.md, by their wire names.</summary>
public static class AnswerStrategy
{
    /// <summary>Top-k evidence passages from the retriever.</summary>
    public const string Passages = "passages";

    /// <summary>Every chunk of one document, mapped to candidate sentences and reduced to one answer.</summary>
    public const string MapReduce = "map-reduce";

    /// <summary>A walk of one document's summary tree (MemWalker) with back-tracking.</summary>
    public const string Tree = "tree";

    /// <summary>Picks tree (map-reduce without a tree) for whole-document questions about one document, passages otherwise, adding a tree leaf to the passages when the walk finds a strong one.</summary>
    public const string Auto = "auto";

    /// <summary>All strategy names.</summary>
    public static IReadOnlyList<string> All { get; } = [Passages, MapReduce, Tree, Auto];

    /// <summary>Returns the canonical name (auto when none is given) or throws <see cref="InvalidRequestException"/>.</summary>
    public static string Parse(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return Auto;
        }

        var lowered = name.Trim().ToLowerInvariant();
        return All.Contains(lowered)
            ? lowered
            : throw new InvalidRequestException($"Unknown strategy '{name}'. Use one of: {string.Join(", ", All)}.");
    }
}
