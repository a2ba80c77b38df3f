namespace RagPlatform.Core.Answering;

/// <summary>A half-open range [Start, End) within one string (a chunk's text, not the document).</summary>
internal readonly record struct TextRange(int Start, int End)
{
    public int Length => End - Start;
}
