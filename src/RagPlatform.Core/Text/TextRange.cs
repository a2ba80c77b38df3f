namespace RagPlatform.Core.Text;

/// <summary>A half-open range [Start, End) within one string (a chunk's text or the document's, as the caller says).</summary>
public readonly record struct TextRange(int Start, int End)
{
    /// <summary>The number of characters.</summary>
    public int Length => End - Start;
}
