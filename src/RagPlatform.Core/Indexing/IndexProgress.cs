namespace RagPlatform.Core.Indexing;

/// <summary>Progress of an indexing run, reported after each file.</summary>
/// <param name="Done">Files processed.</param>
/// <param name="Total">Files in the run.</param>
/// <param name="Pages">Pages indexed so far.</param>
/// <param name="Chunks">Chunks indexed so far.</param>
/// <param name="Current">The file just processed (null on a step report inside a file, see <see cref="Step"/>).</param>
public sealed record IndexProgress(int Done, int Total, int Pages, int Chunks, string? Current)
{
    /// <summary>The file being decoded when this reports a step inside it (<see cref="Step"/>); null otherwise.</summary>
    public string? Decoding { get; init; }

    /// <summary>What the decode of <see cref="Decoding"/> is doing, e.g. "OCR page 3 of 40"; null on a per-file report.</summary>
    public string? Step { get; init; }
}
