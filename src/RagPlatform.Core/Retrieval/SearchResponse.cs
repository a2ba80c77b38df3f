namespace RagPlatform.Core.Retrieval;

/// <summary>The answer to a search (CONTRACT.md SearchResponse).</summary>
/// <param name="Query">The query as received.</param>
/// <param name="Collection">The collection searched.</param>
/// <param name="Pipeline">The pipeline that ran.</param>
/// <param name="TookMs">Time spent, in milliseconds.</param>
/// <param name="Hits">Ranked hits, best first.</param>
public sealed record SearchResponse(string Query, string Collection, string Pipeline, double TookMs, IReadOnlyList<SearchHit> Hits);
