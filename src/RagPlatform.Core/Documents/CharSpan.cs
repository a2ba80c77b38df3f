namespace RagPlatform.Core.Documents;

/// <summary>A half-open UTF-16 range [Start, End) into a document's normalized text.</summary>
public readonly record struct CharSpan(int Start, int End)
{
    /// <summary>Number of characters in the span.</summary>
    public int Length => End - Start;

    /// <summary>Whether the two spans share at least one character.</summary>
    public bool Overlaps(CharSpan other) => Start < other.End && other.Start < End;

    /// <summary>
    /// The span [start, end) of a text of <paramref name="textLength"/> characters, or an
    /// <see cref="Errors.InvalidRequestException"/> (a 400, exit 2) saying which spans the text has.
    /// </summary>
    public static CharSpan Within(int start, int end, int textLength) =>
        start < 0 || end < start || end > textLength
            ? throw new Errors.InvalidRequestException(
                $"The span [{start}, {end}) is outside the document's text, which has {textLength} characters: use 0 <= start <= end <= {textLength}.")
            : new CharSpan(start, end);
}
