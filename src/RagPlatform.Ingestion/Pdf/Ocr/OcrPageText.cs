namespace RagPlatform.Ingestion.Pdf.Ocr;

/// <summary>What OCR read on one page: paragraphs in the engine's reading order.</summary>
public sealed record OcrPageText(int Number, IReadOnlyList<OcrParagraph> Paragraphs)
{
    /// <summary>Every word of the page in reading order (the order of the decoded text).</summary>
    public IEnumerable<OcrWord> Words => Paragraphs.SelectMany(p => p.Lines).SelectMany(l => l.Words);

    /// <summary>Mean word confidence, 0 to 100 (0 when no word was read).</summary>
    public double MeanConfidence => Words.Select(w => w.Confidence).DefaultIfEmpty(0).Average();
}
