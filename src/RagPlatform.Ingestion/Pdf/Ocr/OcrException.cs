using RagPlatform.Core.Errors;

namespace RagPlatform.Ingestion.Pdf.Ocr;

/// <summary>OCR of a page failed; the decoder turns it into a page warning and the document still indexes.</summary>
public sealed class OcrException : RagPlatformException
{
    /// <summary>Creates the exception.</summary>
    public OcrException(string message, bool isUnavailable = false, bool isTransient = false, Exception? inner = null)
        : base(message, inner)
    {
        IsUnavailable = isUnavailable;
        IsTransient = isTransient;
    }

    /// <summary>The tools or their language data are not installed, so no later page will fare better.</summary>
    public bool IsUnavailable { get; }

    /// <inheritdoc />
    public override bool IsTransient { get; }
}
