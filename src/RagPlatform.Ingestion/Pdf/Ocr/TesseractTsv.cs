using System.Globalization;

namespace RagPlatform.Ingestion.Pdf.Ocr;

/// <summary>
/// Reads tesseract's TSV output: one row per layout element, level 5 being a word with its pixel box and confidence;
/// (block, paragraph) numbers make a paragraph and the line number a line within it.
/// </summary>
internal static class TesseractTsv
{
    private const int Columns = 12;

    public static OcrPageText Parse(string tsv, OcrPageFrame frame)
    {
        var paragraphs = new List<OcrParagraph>();
        List<OcrLine>? lines = null;
        List<OcrWord>? words = null;
        var (block, paragraph, line) = (-1, -1, -1);
        foreach (var row in tsv.Split('\n'))
        {
            var f = row.TrimEnd('\r').Split('\t');
            if (f.Length < Columns || f[0] != "5" || string.IsNullOrWhiteSpace(f[11])
                || !double.TryParse(f[10], NumberStyles.Float, CultureInfo.InvariantCulture, out var confidence) || confidence < 0
                || !TryInts(f, out var n))
            {
                continue;
            }

            var (b, p, l) = (n[2], n[3], n[4]);
            if (lines is null || b != block || p != paragraph)
            {
                lines = [];
                paragraphs.Add(new OcrParagraph(lines));
                (block, paragraph, line) = (b, p, -1);
            }

            if (words is null || l != line)
            {
                words = [];
                lines.Add(new OcrLine(words));
                line = l;
            }

            var box = frame.ToPdf(n[6], n[7], n[8], n[9]);
            words.Add(new OcrWord(f[11].Trim(), Math.Clamp(confidence, 0, 100), box));
        }

        return new OcrPageText(frame.Page, paragraphs);
    }

    /// <summary>Columns 0 to 9 as numbers (level, page, block, paragraph, line, word, left, top, width, height).</summary>
    private static bool TryInts(string[] f, out int[] numbers)
    {
        numbers = new int[10];
        for (var i = 1; i < numbers.Length; i++)
        {
            if (!int.TryParse(f[i], NumberStyles.Integer, CultureInfo.InvariantCulture, out numbers[i]))
            {
                return false;
            }
        }

        return true;
    }
}
