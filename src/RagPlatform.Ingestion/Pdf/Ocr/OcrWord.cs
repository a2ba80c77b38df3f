namespace RagPlatform.Ingestion.Pdf.Ocr;

/// <summary>One recognized word and its box on the page, in PDF user space.</summary>
/// <param name="Text">The word as the engine read it.</param>
/// <param name="Confidence">The engine's confidence, 0 to 100.</param>
/// <param name="Box">The word's box (points, origin at the page's lower left).</param>
public sealed record OcrWord(string Text, double Confidence, GlyphBox Box);
