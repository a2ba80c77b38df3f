namespace RagPlatform.Ingestion.Pdf.Ocr;

/// <summary>Whether a PDF page's text has to come from OCR.</summary>
public enum OcrNeed
{
    /// <summary>The page's text layer is usable.</summary>
    None,

    /// <summary>The page has no visible glyph at all.</summary>
    NoTextLayer,

    /// <summary>The page has glyphs that cannot be its text: a few letters over a page-sized image, or one glyph repeated.</summary>
    JunkTextLayer,
}
