using System.Text;
using RagPlatform.Core.Errors;

namespace RagPlatform.Ingestion.Pdf;

/// <summary>
/// Cheap checks before parsing: PdfPig's lenient parser recovers from a lot, so a file that is not a PDF or that was
/// cut short is refused here with a clear message instead of yielding silently partial text.
/// </summary>
internal static class PdfSanity
{
    public static void Check(byte[] content)
    {
        if (content.Length == 0)
        {
            throw new DocumentFormatException("the file is empty");
        }

        var head = content.AsSpan(0, Math.Min(content.Length, 1024));
        if (head.IndexOf("%PDF-"u8) < 0)
        {
            throw new DocumentFormatException("not a PDF file: the %PDF- header is missing");
        }

        var tail = content.AsSpan(Math.Max(0, content.Length - 2048));
        if (tail.IndexOf("%%EOF"u8) < 0)
        {
            throw new DocumentFormatException("the PDF is damaged: the file is truncated (no %%EOF marker at its end)");
        }
    }

    /// <summary>Whether the file's last trailer (or cross-reference stream) declares encryption.</summary>
    public static bool DeclaresEncryption(byte[] content) =>
        content.AsSpan(Math.Max(0, content.Length - 4096)).IndexOf("/Encrypt"u8) >= 0;
}
