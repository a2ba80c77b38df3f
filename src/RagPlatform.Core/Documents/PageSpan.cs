namespace RagPlatform.Core.Documents;

/// <summary>One page of a document: its 1-based number and the half-open UTF-16 range it covers in the normalized text.</summary>
public sealed record PageSpan(int Number, int CharStart, int CharEnd)
{
    /// <summary>Number of characters on the page.</summary>
    public int Length => CharEnd - CharStart;
}
