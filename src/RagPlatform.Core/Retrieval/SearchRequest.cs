namespace RagPlatform.Core.Retrieval;

/// <summary>A search as asked by a user.</summary>
/// <param name="Query">The query text (plain words; no query syntax).</param>
/// <param name="Collection">Collection to search.</param>
/// <param name="Top">Number of hits wanted; null for the configured default.</param>
/// <param name="Pipeline">Pipeline name; null for the configured default.</param>
/// <param name="Explain">Whether to attach Lucene's score explanation to each hit.</param>
public sealed record SearchRequest(string Query, string Collection, int? Top = null, string? Pipeline = null, bool Explain = false);
