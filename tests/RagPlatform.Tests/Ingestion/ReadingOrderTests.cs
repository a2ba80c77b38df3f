using RagPlatform.Ingestion.Pdf.Layout;
using UglyToad.PdfPig;
using UglyToad.PdfPig.DocumentLayoutAnalysis;
using UglyToad.PdfPig.DocumentLayoutAnalysis.ReadingOrderDetector;

namespace RagPlatform.Tests.Ingestion;

/// <summary>
/// The decoder's own reading order must put every block of every page where PdfPig's unsupervised detector (the
/// order the text, its offsets and glyph boxes were built on) puts it, on the real sample PDFs: two-column papers,
/// a Federal Register notice set in three columns, a transcript with line numbers.
/// </summary>
public sealed class ReadingOrderTests
{
    [Theory]
    [InlineData("2020.acl-main.447.pdf")]
    [InlineData("2023.eacl-main.121.pdf")]
    [InlineData("AILA_2019_Overview_Paper.pdf")]
    [InlineData("federal-register-2020-17221.pdf")]
    [InlineData("scotus-transcript-p1.pdf")]
    public void Blocks_come_in_the_order_of_PdfPigs_detector_on_every_page(string file)
    {
        using var document = PdfDocument.Open(File.ReadAllBytes(Decoders.SamplePath(file)), new ParsingOptions { UseLenientParsing = true, SkipMissingFonts = true });
        var compared = 0;
        for (var number = 1; number <= document.NumberOfPages; number++)
        {
            var letters = document.GetPage(number).Letters;
            var blocks = LineBlocks.Group(GapWordExtractor.GetLines(letters));
            var expected = UnsupervisedReadingOrderDetector.Instance.Get(blocks).Select(Key).ToList();

            var ordered = ReadingOrder.Order(blocks);

            Assert.Equal(expected, ordered.Select(Key).ToList());
            Assert.Equal(Enumerable.Range(0, ordered.Count), ordered.Select(b => b.ReadingOrder));
            compared += blocks.Count;
        }

        Assert.True(compared > 20, $"only {compared} blocks compared");
    }

    private static string Key(TextBlock block) => $"{block.BoundingBox.Left:0.0},{block.BoundingBox.Bottom:0.0}:{block.Text}";
}
