using RagPlatform.Core.Errors;

namespace RagPlatform.Core.Retrieval;

/// <summary>The retrieval pipelines of CONTRACT.md, by their wire names.</summary>
public static class SearchPipeline
{
    /// <summary>Lexical only.</summary>
    public const string Bm25 = "bm25";

    /// <summary>Dense vectors only.</summary>
    public const string Dense = "dense";

    /// <summary>BM25 and dense, fused.</summary>
    public const string Hybrid = "hybrid";

    /// <summary>Hybrid, then reranked by late interaction.</summary>
    public const string HybridRerank = "hybrid+rerank";

    /// <summary>All pipeline names.</summary>
    public static IReadOnlyList<string> All { get; } = [Bm25, Dense, Hybrid, HybridRerank];

    /// <summary>Returns the canonical name or throws <see cref="InvalidRequestException"/>.</summary>
    public static string Parse(string? name, string fallback)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return fallback;
        }

        var lowered = name.Trim().ToLowerInvariant();
        return All.Contains(lowered)
            ? lowered
            : throw new InvalidRequestException($"Unknown pipeline '{name}'. Use one of: {string.Join(", ", All)}.");
    }
}
