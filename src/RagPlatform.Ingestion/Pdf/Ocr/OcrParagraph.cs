namespace RagPlatform.Ingestion.Pdf.Ocr;

/// <summary>One paragraph of a recognized page, its lines top to bottom.</summary>
public sealed record OcrParagraph(IReadOnlyList<OcrLine> Lines)
{
    /// <summary>The paragraph as the decoder adds it: words joined by spaces, lines by line breaks.</summary>
    public string Text => string.Join('\n', Lines.Select(l => string.Join(' ', l.Words.Select(w => w.Text))));
}
