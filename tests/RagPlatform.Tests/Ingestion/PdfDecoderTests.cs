using System.Text;
using RagPlatform.Core.Errors;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace RagPlatform.Tests.Ingestion;

public sealed class PdfDecoderTests
{
    [Fact]
    public void Federal_register_has_15_pages_in_reading_order_and_sections()
    {
        var doc = Decoders.DecodeSample("federal-register-2020-17221.pdf");

        Decoders.AssertWellFormed(doc);
        Assert.Equal(15, doc.Pages.Count);
        // Its figures are scanned images (1-bit, 300 dpi) with no text layer: each such page says its image was not OCRed.
        Assert.All(doc.Warnings, w => Assert.Matches(@"^page \d+ is partly an image: .* the image was not OCRed$", w));
        Assert.Contains(doc.Warnings, w => w.StartsWith("page 8 is partly an image", StringComparison.Ordinal));
        Assert.Contains("Federal Aviation Administration", doc.Text, StringComparison.Ordinal);
        Assert.Contains(doc.Sections, s => s.Number == "(a)");
        // Page 8 is a full-page figure: its only text is page furniture (header, page number, print stamps).
        Assert.All(doc.Pages.Where(p => p.Number != 8), p => Assert.True(p.Length > 0, $"page {p.Number} is empty"));
        Assert.True(doc.Text.Length > 40_000, $"{doc.Text.Length} chars");
    }

    [Fact]
    public void Scotus_transcript_has_one_page()
    {
        var doc = Decoders.DecodeSample("scotus-transcript-p1.pdf");

        Decoders.AssertWellFormed(doc);
        Assert.Single(doc.Pages);
        Assert.Contains("MIRZAYANCE", doc.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Scientific_paper_has_abstract_and_introduction_sections_and_a_title()
    {
        var doc = Decoders.DecodeSample("2020.acl-main.447.pdf");

        Decoders.AssertWellFormed(doc);
        Assert.Equal(15, doc.Pages.Count);
        Assert.Contains(doc.Sections, s => s.Title == "Abstract");
        Assert.Contains(doc.Sections, s => s.Title == "Introduction" && s.Number == "1");
        Assert.Contains(doc.Sections, s => s.Title == "References");
        Assert.NotNull(doc.Title);
        Assert.Contains("S2ORC", doc.Title, StringComparison.Ordinal);
    }

    [Fact]
    public void Page_without_text_gets_a_warning_and_an_empty_page_span()
    {
        var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        var first = builder.AddPage(PageSize.A4);
        first.AddText("First page with text.", 12, new PdfPoint(50, 700), font);
        var scanned = builder.AddPage(PageSize.A4);
        scanned.DrawRectangle(new PdfPoint(50, 50), 300, 400, 2, fill: true);
        var third = builder.AddPage(PageSize.A4);
        third.AddText("Third page with text.", 12, new PdfPoint(50, 700), font);

        var doc = Decoders.Create().Decode(builder.Build(), "scan.pdf", CancellationToken.None);

        Decoders.AssertWellFormed(doc);
        Assert.Equal(3, doc.Pages.Count);
        Assert.Equal(["page 2 has no text layer (scanned?)"], doc.Warnings);
        Assert.Equal(0, doc.Pages[1].Length);
        Assert.Equal(3, doc.PageAt(doc.Text.IndexOf("Third", StringComparison.Ordinal)));
    }

    [Fact]
    public void Garbage_named_pdf_is_not_a_pdf()
    {
        var garbage = new byte[4096];
        new Random(7).NextBytes(garbage);

        var ex = Assert.Throws<DocumentFormatException>(() => Decoders.Create().Decode(garbage, "x.pdf", CancellationToken.None));
        Assert.Contains("not a PDF file", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Truncated_pdf_is_damaged()
    {
        var bytes = File.ReadAllBytes(Decoders.SamplePath("scotus-transcript-p1.pdf"));

        var ex = Assert.Throws<DocumentFormatException>(
            () => Decoders.Create().Decode(bytes[..(bytes.Length / 2)], "cut.pdf", CancellationToken.None));
        Assert.Contains("the PDF is damaged", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_file_is_refused()
    {
        var ex = Assert.Throws<DocumentFormatException>(() => Decoders.Create().Decode([], "empty.pdf", CancellationToken.None));
        Assert.Contains("empty", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Encrypted_pdf_is_refused_as_encrypted()
    {
        var ex = Assert.Throws<DocumentFormatException>(
            () => Decoders.Create().Decode(EncryptedPdf(), "secret.pdf", CancellationToken.None));
        Assert.Equal("the PDF is encrypted", ex.Message);
    }

    /// <summary>A minimal one-page PDF whose trailer points at a Standard security handler with a user password.</summary>
    private static byte[] EncryptedPdf()
    {
        var objects = new[]
        {
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
            "<< /Length 44 >>\nstream\n" + new string('\u00C7', 44) + "\nendstream",
            "<< /Filter /Standard /V 1 /R 2 /Length 40 /P -44 /O <" + new string('A', 64) + "> /U <" + new string('B', 64) + "> >>",
        };
        var pdf = new StringBuilder("%PDF-1.4\n");
        var offsets = new List<int>();
        for (var i = 0; i < objects.Length; i++)
        {
            offsets.Add(pdf.Length);
            pdf.Append(i + 1).Append(" 0 obj\n").Append(objects[i]).Append("\nendobj\n");
        }

        var xref = pdf.Length;
        pdf.Append("xref\n0 ").Append(objects.Length + 1).Append("\n0000000000 65535 f \n");
        foreach (var o in offsets)
        {
            pdf.Append(o.ToString("D10", System.Globalization.CultureInfo.InvariantCulture)).Append(" 00000 n \n");
        }

        pdf.Append("trailer\n<< /Size ").Append(objects.Length + 1)
            .Append(" /Root 1 0 R /Encrypt 5 0 R /ID [<0123456789ABCDEF0123456789ABCDEF> <0123456789ABCDEF0123456789ABCDEF>] >>\nstartxref\n")
            .Append(xref).Append("\n%%EOF\n");
        return Encoding.Latin1.GetBytes(pdf.ToString());
    }
}
