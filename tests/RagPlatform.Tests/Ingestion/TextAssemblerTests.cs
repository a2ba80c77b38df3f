using System.Text;
using RagPlatform.Ingestion.Normalization;

namespace RagPlatform.Tests.Ingestion;

public sealed class TextAssemblerTests
{
    [Theory]
    [InlineData("the regu-\nlation applies", "the regulation applies")]
    [InlineData("  many   spaces\there ", "many spaces here")]
    [InlineData("line one\r\nline two\rline three", "line one\nline two\nline three")]
    [InlineData("Court-\nAppointed counsel", "Court-\nAppointed counsel")]
    [InlineData("a\n\n\n\nb", "a\nb")]
    [InlineData("ﬁnal o\u00ADver", "final over")]
    public void Normalizes_a_paragraph(string raw, string expected)
    {
        var sb = new StringBuilder();
        TextAssembler.Normalize(raw, sb);
        Assert.Equal(expected, sb.ToString());
    }

    [Fact]
    public void Paragraphs_are_separated_by_one_blank_line_and_pages_stay_contiguous()
    {
        var assembler = new TextAssembler(Decoders.Options, CancellationToken.None);
        assembler.BeginPage();
        assembler.AddParagraph("First  paragraph.");
        assembler.AddParagraph("   ");
        assembler.AddParagraph("Second.");
        assembler.BeginPage();
        assembler.BeginPage();
        assembler.AddParagraph("Third page.");

        var doc = assembler.Build([], null);

        Assert.Equal("First paragraph.\n\nSecond.\n\nThird page.", doc.Text);
        Assert.Equal([(1, 0, 25), (2, 25, 25), (3, 25, 38)], doc.Pages.Select(p => (p.Number, p.CharStart, p.CharEnd)));
        Assert.Equal(3, doc.PageAt(doc.Text.IndexOf("Third", StringComparison.Ordinal)));
    }
}
