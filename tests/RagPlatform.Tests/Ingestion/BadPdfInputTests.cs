using RagPlatform.Ingestion.Pdf.Ocr;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace RagPlatform.Tests.Ingestion;

/// <summary>
/// Text layers that cannot be trusted as they are: glyphs decoded through a wrong map (private-use, replacement or
/// control characters, symbols where letters should be) go to OCR like a page without text, and a page that is
/// half text, half scan (a PDF the test makes) keeps its text with a warning that says the scan was not read.
/// </summary>
[Collection(OcrProcesses.Name)]
public sealed class BadPdfInputTests
{
    private static readonly string[] s_lines =
    [
        "The tenant shall pay the rent on the first day of each month.",
        "The landlord shall keep the roof and the outer walls in repair.",
        "Either party may end this lease by giving three months notice.",
        "Notices shall be sent in writing to the address of the other party.",
    ];

    [Theory]
    [InlineData("\uE054\uE068\uE065 \uE074\uE065\uE06E\uE061\uE06E\uE074 \uE073\uE068\uE061\uE06C\uE06C \uE070\uE061\uE079 \uE074\uE068\uE065 \uE072\uE065\uE06E\uE074")]
    [InlineData("\uFFFD\uFFFD\uFFFD \uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD \uFFFD\uFFFD\uFFFD\uFFFD\uFFFD \uFFFD\uFFFD\uFFFD \uFFFD\uFFFD\uFFFD \uFFFD\uFFFD\uFFFD\uFFFD")]
    [InlineData("\u0001\u0002\u0003 \u0004\u0005\u0006\u0007\u0008 \u000E\u000F\u0010\u0011\u0012 \u0013\u0014\u0015 \u0016\u0017\u0018 \u0019\u001A")]
    [InlineData("#$%& ()*+ ,/:;<=>? @[]^ {|}~ !\"#$ %&() *+,/ :;<= >?@[")]
    public void A_text_layer_decoded_with_a_wrong_map_is_junk_and_goes_to_ocr(string line)
    {
        Assert.Equal(OcrNeed.JunkTextLayer, OcrTrigger.Judge(Glyphs(line), () => false));
    }

    [Theory]
    [InlineData("The tenant shall pay the rent on the first day of each month.")]
    [InlineData("1 Introduction .......................................................... 1")]
    [InlineData("Total | 81.1M | 28.9M (35.6%) | 12.7M | 1.5M | 42k")]
    [InlineData("Der Mieter zahlt die Miete am ersten Tag jedes Monats; \u00E4\u00F6\u00FC\u00DF.")]
    [InlineData("\u0391\u03C0\u03CC\u03C6\u03B1\u03C3\u03B7 \u03C4\u03BF\u03C5 \u0394\u03B9\u03BA\u03B1\u03C3\u03C4\u03B7\u03C1\u03AF\u03BF\u03C5 (\u03B1) (\u03B2)")]
    public void A_real_text_layer_is_read_as_it_is(string line)
    {
        Assert.Equal(OcrNeed.None, OcrTrigger.Judge(Glyphs(line), () => throw new InvalidOperationException("images are not looked at for a real layer")));
    }

    [Fact]
    public void A_few_junk_glyphs_are_not_judged_by_their_characters()
    {
        // Under 20 glyphs (a page number, a stray mark) the rule does not apply; no big image: the layer is kept.
        Assert.Equal(OcrNeed.None, OcrTrigger.Judge(Glyphs("\uE001\uE002 \uE003 12"), () => false));
    }

    private static IEnumerable<string> Glyphs(string line) => line.Select(c => c.ToString());

    [Fact]
    public void A_half_scanned_page_keeps_its_text_layer_and_says_the_scanned_half_was_not_read()
    {
        var folder = Directory.CreateTempSubdirectory("ragp-half-scan-").FullName;
        try
        {
            var source = Decoders.SamplePath(ScannedPdfFixture.Source);
            ScannedPdfFixture.Run("pdftoppm", "-r", "72", "-gray", "-f", "2", "-l", "2", "-png", "-singlefile", source, Path.Combine(folder, "page"));
            var builder = new PdfDocumentBuilder();
            var font = builder.AddStandard14Font(Standard14Font.Helvetica);
            var page = builder.AddPage(612, 792);
            for (var i = 0; i < s_lines.Length; i++)
            {
                page.AddText(s_lines[i], 11, new PdfPoint(72, 740 - (16 * i)), font);
            }

            page.AddPng(File.ReadAllBytes(Path.Combine(folder, "page.png")), new PdfRectangle(72, 40, 540, 420));

            var doc = Decoders.Create().Decode(builder.Build(), "half-scan.pdf", CancellationToken.None);

            Assert.Contains("The landlord shall keep the roof and the outer walls in repair.", doc.Text, StringComparison.Ordinal);
            var warning = Assert.Single(doc.Warnings);
            Assert.Matches(@"^page 1 is partly an image: it covers 3\d\s?% of the page with no text layer over it \(a scanned figure or scanned text\); the page's text layer was read, the image was not OCRed$", warning);
            Assert.Empty(doc.OcrPages);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void A_page_of_text_with_an_image_under_it_gets_no_warning()
    {
        var folder = Directory.CreateTempSubdirectory("ragp-figure-").FullName;
        try
        {
            var source = Decoders.SamplePath(ScannedPdfFixture.Source);
            ScannedPdfFixture.Run("pdftoppm", "-r", "36", "-gray", "-f", "2", "-l", "2", "-png", "-singlefile", source, Path.Combine(folder, "page"));
            var builder = new PdfDocumentBuilder();
            var font = builder.AddStandard14Font(Standard14Font.Helvetica);
            var page = builder.AddPage(612, 792);
            // A background image (a watermark, a form) with the page's text drawn over it is no scan.
            page.AddPng(File.ReadAllBytes(Path.Combine(folder, "page.png")), new PdfRectangle(0, 0, 612, 792));
            for (var i = 0; i < s_lines.Length; i++)
            {
                page.AddText(s_lines[i], 11, new PdfPoint(72, 740 - (16 * i)), font);
            }

            var doc = Decoders.Create().Decode(builder.Build(), "form.pdf", CancellationToken.None);

            Assert.Empty(doc.Warnings);
            Assert.Contains("Either party may end this lease", doc.Text, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
