using System.ComponentModel.DataAnnotations;

namespace RagPlatform.Core.Indexing;

/// <summary>
/// OCR of PDF pages without a usable text layer (section "Ingestion:Ocr"): poppler's pdftoppm renders the page,
/// tesseract recognizes it. Both come from Debian packages (poppler-utils, tesseract-ocr, tesseract-ocr-LANG).
/// </summary>
public sealed class OcrOptions
{
    /// <summary>Whether scanned pages are recognized; when off they get the "no text layer" warning and no text.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Tesseract language(s), joined by '+' ("eng", "eng+deu"); each needs its tesseract-ocr-LANG package.</summary>
    [Required]
    [RegularExpression("^[A-Za-z0-9_]+(\\+[A-Za-z0-9_]+)*$")]
    public string Language { get; set; } = "eng";

    /// <summary>Render resolution; tesseract reads body text best at about 300 dpi.</summary>
    [Range(72, 600)]
    public int Dpi { get; set; } = 300;

    /// <summary>The time rendering plus recognizing one page may take; a slower page is skipped with a warning.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan PageTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The pdftoppm executable (a name looked up on PATH, or a path).</summary>
    [Required]
    public string PdftoppmPath { get; set; } = "pdftoppm";

    /// <summary>The tesseract executable (a name looked up on PATH, or a path).</summary>
    [Required]
    public string TesseractPath { get; set; } = "tesseract";

    /// <summary>Where the rendered pages go while they are recognized; the system temp folder when empty.</summary>
    public string? WorkDirectory { get; set; }
}
