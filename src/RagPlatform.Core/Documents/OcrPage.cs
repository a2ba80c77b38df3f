namespace RagPlatform.Core.Documents;

/// <summary>A page whose text came from OCR rather than from the file's text layer.</summary>
/// <param name="Number">1-based page number.</param>
/// <param name="Engine">The OCR engine ("tesseract").</param>
/// <param name="MeanConfidence">Mean word confidence the engine reported, 0 to 100.</param>
/// <param name="Words">Words recognized on the page.</param>
public sealed record OcrPage(int Number, string Engine, double MeanConfidence, int Words);
