namespace RagPlatform.Core.Retrieval;

/// <summary>A search as asked by a user.</summary>
/// <param name="Query">The query text (plain words; no query syntax).</param>
/// <param name="Collection">Collection to search.</param>
/// <param name="Top">Number of hits wanted; null for the configured default.</param>
/// <param name="Pipeline">Pipeline name; null for the configured default.</param>
/// <param name="Explain">Whether to attach Lucene's score explanation to each hit.</param>
/// <param name="Documents">
/// Only hits of these documents, when given (an ask about named documents). The collection is ranked as usual, looking
/// <see cref="ScopeDepthFactor"/> times deeper, and the scoped hits among those are served; only they are built.
/// </param>
public sealed record SearchRequest(string Query, string Collection, int? Top = null, string? Pipeline = null, bool Explain = false, IReadOnlyCollection<Guid>? Documents = null)
{
    /// <summary>How many times <c>Top</c> a scoped search ranks before keeping the scoped documents' hits.</summary>
    public const int ScopeDepthFactor = 5;

    /// <summary>The deepest a scoped search ranks.</summary>
    public const int MaxScopeDepth = 200;
}
