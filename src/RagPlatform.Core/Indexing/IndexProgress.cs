namespace RagPlatform.Core.Indexing;

/// <summary>Progress of an indexing run, reported after each file.</summary>
/// <param name="Done">Files processed.</param>
/// <param name="Total">Files in the run.</param>
/// <param name="Pages">Pages indexed so far.</param>
/// <param name="Chunks">Chunks indexed so far.</param>
/// <param name="Current">The file just processed.</param>
public sealed record IndexProgress(int Done, int Total, int Pages, int Chunks, string? Current);
