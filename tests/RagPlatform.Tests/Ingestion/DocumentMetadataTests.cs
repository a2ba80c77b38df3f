using RagPlatform.Core.Documents;

namespace RagPlatform.Tests.Ingestion;

/// <summary>Page furniture kept as page metadata, and the OCR record read back from stored warnings.</summary>
public sealed class DocumentMetadataTests
{
    [Fact]
    public void Page_furniture_is_kept_per_page_out_of_the_body()
    {
        var doc = Decoders.DecodeSample("federal-register-2020-17221.pdf");

        Assert.NotEmpty(doc.Furniture);
        Assert.All(doc.Furniture, f => Assert.InRange(f.Page, 1, doc.Pages.Count));
        // The Federal Register's running header names the volume on every page; it is furniture, never body text.
        var header = doc.Furniture.Where(f => f.Text.Contains("Federal Register", StringComparison.Ordinal)).ToList();
        Assert.True(header.Select(f => f.Page).Distinct().Count() >= 10, $"running header on {header.Count} pages");
        Assert.DoesNotContain(header[0].Text, doc.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_transcripts_line_numbers_are_page_furniture()
    {
        var doc = Decoders.DecodeSample("scotus-transcript-p1.pdf");

        var numbers = doc.Furniture.Where(f => f.Text.Split(' ').All(t => int.TryParse(t, out _))).ToList();
        Assert.NotEmpty(numbers);
        Assert.Contains(numbers, f => f.Text.Split(' ').Contains("25"));
    }

    [Fact]
    public void Ocr_records_are_read_back_from_the_stored_warnings_in_page_order()
    {
        var records = OcrRecord.FromWarnings([
            "page 7 was OCRed (tesseract, mean confidence 88%); its text layer was unusable",
            "page 2 has no text layer (scanned?)",
            "page 3 was OCRed (tesseract, mean confidence 91%)",
        ]);

        Assert.Equal([new OcrRecord(3, "tesseract", 91, false), new OcrRecord(7, "tesseract", 88, true)], records);
    }
}
