using RagPlatform.Ingestion.Pdf;
using UglyToad.PdfPig;

namespace RagPlatform.Tests.Ingestion;

public sealed class GlyphBoxTests
{
    private const string Sample = "AILA_2019_Overview_Paper.pdf";

    [Fact]
    public void Nearly_every_visible_character_gets_a_box_on_its_own_page()
    {
        var doc = Decoders.DecodeSample(Sample);
        var boxes = PdfGlyphMapper.Map(File.ReadAllBytes(Decoders.SamplePath(Sample)), doc.Text, doc.Pages, CancellationToken.None);

        Assert.Equal(doc.Text.Length, boxes.Length);
        var visible = Enumerable.Range(0, doc.Text.Length).Where(i => !char.IsWhiteSpace(doc.Text[i])).ToList();
        var boxed = visible.Count(i => boxes[i] is not null);
        // Measured 95% on this paper: letters the decoder normalizes away or reorders within a line get no box.
        Assert.True(boxed >= 0.93 * visible.Count, $"{boxed} of {visible.Count} characters have a box");
        Assert.All(visible.Where(i => boxes[i] is not null), i => Assert.Equal(doc.PageAt(i), boxes[i]!.Value.Page));
        Assert.All(Enumerable.Range(0, doc.Text.Length).Where(i => char.IsWhiteSpace(doc.Text[i])), i => Assert.Null(boxes[i]));
    }

    [Theory]
    [InlineData("Overview of the FIRE 2019 AILA Track")]
    [InlineData("Precedent Retrieval")]
    public void The_rectangles_of_a_span_cover_exactly_the_letters_of_that_span(string phrase)
    {
        var doc = Decoders.DecodeSample(Sample);
        var pdf = File.ReadAllBytes(Decoders.SamplePath(Sample));
        var boxes = PdfGlyphMapper.Map(pdf, doc.Text, doc.Pages, CancellationToken.None);
        var start = doc.Text.IndexOf(phrase, StringComparison.Ordinal);
        Assert.True(start >= 0, $"'{phrase}' is not in the decoded text");
        var end = start + phrase.Length;

        var pages = GlyphRects.ForSpan(boxes, start, end);

        var page = Assert.Single(pages);
        Assert.Equal(doc.PageAt(start), page.Page);
        using var document = PdfDocument.Open(pdf);
        var covered = document.GetPage(page.Page).Letters
            .Where(l => !string.IsNullOrWhiteSpace(l.Value))
            .Where(l => page.Rects.Any(r => Inside(r, l.BoundingBox.Centroid.X, l.BoundingBox.Centroid.Y)))
            .Select(l => l.Value)
            .Order(StringComparer.Ordinal);
        var expected = phrase.Where(c => !char.IsWhiteSpace(c)).Select(c => c.ToString()).Order(StringComparer.Ordinal);
        Assert.Equal(expected, covered);
    }

    [Fact]
    public async Task The_sidecar_file_round_trips_every_box()
    {
        var boxes = new GlyphBox?[] { new GlyphBox(1, 10, 20, 15, 30), null, new GlyphBox(2, 1.5f, 2.5f, 3.5f, 4.5f) };
        var path = Path.Combine(Path.GetTempPath(), "ragp-boxes-" + Guid.NewGuid().ToString("N"));
        try
        {
            await GlyphBoxFile.WriteAsync(path, boxes, CancellationToken.None);
            Assert.Equal(boxes, GlyphBoxFile.Read(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static bool Inside(Rect r, double x, double y) => x >= r.X && x <= r.X + r.Width && y >= r.Y && y <= r.Y + r.Height;
}
