namespace RagPlatform.Tests.Ingestion;

public sealed class MarkdownDecoderTests
{
    [Fact]
    public void Statute_sample_has_sections_by_heading_and_no_markup()
    {
        var doc = Decoders.DecodeSample("17-usc-106-107.md");

        Decoders.AssertWellFormed(doc);
        Assert.Single(doc.Pages);
        Assert.Equal("Title 17, United States Code (excerpt)", doc.Title);
        var fairUse = Assert.Single(doc.Sections, s => s.Number == "107");
        Assert.Equal("Limitations on exclusive rights: Fair use", fairUse.Title);
        Assert.Equal(2, fairUse.Level);
        Assert.Equal("Title 17, United States Code (excerpt) > § 107. Limitations on exclusive rights: Fair use", fairUse.Path);
        Assert.DoesNotContain("**", doc.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("## ", doc.Text, StringComparison.Ordinal);
        Assert.Contains("for the four factors in practice", doc.Text, StringComparison.Ordinal);
        Assert.Contains("\n\n2. the nature of the copyrighted work;\n\n", doc.Text, StringComparison.Ordinal);
    }
}
