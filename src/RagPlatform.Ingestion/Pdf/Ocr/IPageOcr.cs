using RagPlatform.Core.Indexing;

namespace RagPlatform.Ingestion.Pdf.Ocr;

/// <summary>Renders one PDF page and recognizes its words (a seam over external OCR programs).</summary>
public interface IPageOcr
{
    /// <summary>The engine's name, as reports show it ("tesseract").</summary>
    string Engine { get; }

    /// <summary>
    /// Recognizes page <see cref="OcrPageFrame.Page"/> of the PDF at <paramref name="pdfPath"/>; temp files go to
    /// <paramref name="workDirectory"/> and are gone when this returns. Throws <see cref="OcrException"/> when OCR
    /// fails and <see cref="OperationCanceledException"/> (having stopped the programs) when cancelled.
    /// </summary>
    OcrPageText Recognize(string pdfPath, OcrPageFrame frame, string workDirectory, OcrOptions options, CancellationToken cancellationToken);
}
