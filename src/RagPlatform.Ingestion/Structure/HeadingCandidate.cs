namespace RagPlatform.Ingestion.Structure;

/// <summary>A recognized heading line: where it is, its number, its title, and its rank (lower ranks are outer).</summary>
internal readonly record struct HeadingCandidate(int Start, int End, string? Number, string Title, string Label, int Rank);
