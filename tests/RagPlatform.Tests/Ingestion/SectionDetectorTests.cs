using RagPlatform.Ingestion.Structure;

namespace RagPlatform.Tests.Ingestion;

public sealed class SectionDetectorTests
{
    [Fact]
    public void Scientific_headings_nest_by_number()
    {
        var text = string.Join("\n\n",
            "Abstract", "We study things.",
            "1 Introduction", "Text.",
            "2 Method", "More text.",
            "2.1 Data", "Data text.",
            "2.2 Model", "Model text.",
            "3 Results", "Results.",
            "References", "Smith, J. 2020. A paper.",
            "A. Appendix", "Extra.");

        var sections = SectionDetector.Detect(text, [], CancellationToken.None);

        Assert.Equal(
            ["Abstract", "1 Introduction", "2 Method", "2 Method > 2.1 Data", "2 Method > 2.2 Model", "3 Results", "References", "A. Appendix"],
            sections.Select(s => s.Path));
        var method = sections[2];
        Assert.Equal("2", method.Number);
        Assert.Equal("Method", method.Title);
        Assert.Equal(1, method.Level);
        Assert.Equal(text.IndexOf("3 Results", StringComparison.Ordinal), method.CharEnd);
        Assert.Equal(2, sections[3].Level);
        Assert.Equal(text.IndexOf("2.2 Model", StringComparison.Ordinal), sections[3].CharEnd);
        Assert.Equal(text.Length, sections[^1].CharEnd);
        Assert.Equal("A", sections[^1].Number);
    }

    [Fact]
    public void Legal_numbering_builds_a_tree()
    {
        var text = string.Join("\n\n",
            "ARTICLE V", "Amendments.",
            "Section 2.3(b) Notices", "Notice text.",
            "§ 12. Definitions", "In this part:",
            "(a) Agency means a body.",
            "(1) including boards;",
            "(b) Person means anyone.",
            "Sec. 4. Effective date", "This takes effect.",
            "1.1 The Supplier shall deliver the Goods.",
            "Article 6 Final provisions", "The end.");

        var sections = SectionDetector.Detect(text, [], CancellationToken.None);

        Assert.Equal(["V", "2.3(b)", "12", "(a)", "(1)", "(b)", "4", "1.1", "6"], sections.Select(s => s.Number));
        Assert.Equal([1, 2, 2, 3, 4, 3, 2, 3, 1], sections.Select(s => s.Level));
        Assert.Equal("ARTICLE V > § 12. Definitions > (b) Person means anyone.", sections[5].Path);
        Assert.Equal("Definitions", sections[2].Title);
        Assert.Equal(text.IndexOf("Sec. 4.", StringComparison.Ordinal), sections[2].CharEnd);
        Assert.Equal(text.IndexOf("Article 6", StringComparison.Ordinal), sections[0].CharEnd);
    }

    [Theory]
    [InlineData("2020.")]
    [InlineData("12 34 56 78")]
    [InlineData("1 2.5 3.75 0.12")]
    [InlineData("1990 Annual report")]
    [InlineData("3 we found that the results were")]
    [InlineData("Section 4 of the Act provides that")]
    [InlineData("[12] Smith, J. and Doe, A. 2019. Title. In Proc.")]
    [InlineData("Smith, J. (2020). A study. Journal 5(2), 1-10.")]
    [InlineData("14")]
    [InlineData("1 This is a long numbered sentence that goes on and on without being a heading at all, really.")]
    public void Non_headings_are_not_sections(string line)
    {
        var text = "Intro paragraph.\n\n" + line + "\n\nAfter.";

        Assert.Empty(SectionDetector.Detect(text, [], CancellationToken.None));
    }

    [Fact]
    public void Declared_headings_outrank_detected_numbering()
    {
        var text = "Contract\n\nArticle 1 Scope\n\n(a) First clause.\n\nSchedule";
        var declared = new List<HeadingMark>
        {
            new(0, 8, 1),
            new(text.IndexOf("Schedule", StringComparison.Ordinal), text.Length, 1),
        };

        var sections = SectionDetector.Detect(text, declared, CancellationToken.None);

        Assert.Equal(["Contract", "Contract > Article 1 Scope", "Contract > Article 1 Scope > (a) First clause.", "Schedule"], sections.Select(s => s.Path));
        Assert.Equal(text.IndexOf("Schedule", StringComparison.Ordinal), sections[0].CharEnd);
    }
}
