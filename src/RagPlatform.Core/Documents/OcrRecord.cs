using System.Globalization;
using System.Text.RegularExpressions;

namespace RagPlatform.Core.Documents;

/// <summary>
/// What a stored document says of its OCR: one record per page read by OCR, recovered from the page's stored warning
/// ("page 3 was OCRed (tesseract, mean confidence 91%)"), so no other column is needed.
/// </summary>
/// <param name="Page">1-based page number.</param>
/// <param name="Engine">The OCR engine ("tesseract").</param>
/// <param name="MeanConfidence">Mean word confidence, 0 to 100.</param>
/// <param name="ReplacedTextLayer">The page had a junk text layer that OCR replaced (else it had none).</param>
public sealed partial record OcrRecord(int Page, string Engine, double MeanConfidence, bool ReplacedTextLayer)
{
    /// <summary>The OCR records among a document's warnings, in page order.</summary>
    public static IReadOnlyList<OcrRecord> FromWarnings(IEnumerable<string> warnings)
    {
        var records = new List<OcrRecord>();
        foreach (var warning in warnings)
        {
            var match = Warning().Match(warning);
            if (match.Success)
            {
                records.Add(new OcrRecord(
                    int.Parse(match.Groups[1].ValueSpan, CultureInfo.InvariantCulture),
                    match.Groups[2].Value,
                    double.Parse(match.Groups[3].ValueSpan, CultureInfo.InvariantCulture),
                    match.Groups[4].Success));
            }
        }

        records.Sort((a, b) => a.Page.CompareTo(b.Page));
        return records;
    }

    [GeneratedRegex(@"^page (\d+) was OCRed \(([^,()]+), mean confidence (\d+(?:\.\d+)?)%\)(; its text layer was unusable)?", RegexOptions.CultureInvariant)]
    private static partial Regex Warning();
}
