namespace RagPlatform.Ingestion.Pdf.Ocr;

/// <summary>How an OCR program ended: its exit code, standard output and standard error.</summary>
internal readonly record struct ProcessOutput(int ExitCode, string Output, string Error)
{
    /// <summary>The last line of standard error, which is where poppler and tesseract say what went wrong.</summary>
    public string LastErrorLine =>
        Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "no message";
}
