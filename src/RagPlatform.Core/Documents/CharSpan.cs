namespace RagPlatform.Core.Documents;

/// <summary>A half-open UTF-16 range [Start, End) into a document's normalized text.</summary>
public readonly record struct CharSpan(int Start, int End)
{
    /// <summary>Number of characters in the span.</summary>
    public int Length => End - Start;

    /// <summary>Whether the two spans share at least one character.</summary>
    public bool Overlaps(CharSpan other) => Start < other.End && other.Start < End;
}
