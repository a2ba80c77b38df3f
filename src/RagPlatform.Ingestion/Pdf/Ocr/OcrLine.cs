namespace RagPlatform.Ingestion.Pdf.Ocr;

/// <summary>One text line of a recognized page, its words left to right.</summary>
public sealed record OcrLine(IReadOnlyList<OcrWord> Words);
