namespace RagPlatform.Core.Documents;

/// <summary>The exact normalized text of a span of one document (GET /api/documents/{id}/text, <c>ragp docs text</c>).</summary>
public sealed record SpanText(Guid DocumentId, int Start, int End, string Text)
{
    /// <summary>The text of [start, end) of <paramref name="text"/>, validated by <see cref="CharSpan.Within"/>.</summary>
    public static SpanText Of(Guid documentId, string text, int start, int end)
    {
        var span = CharSpan.Within(start, end, text.Length);
        return new SpanText(documentId, span.Start, span.End, text[span.Start..span.End]);
    }
}
