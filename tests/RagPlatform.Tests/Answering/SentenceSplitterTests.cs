using RagPlatform.Core.Answering;
using RagPlatform.Core.Text;

namespace RagPlatform.Tests.Answering;

public sealed class SentenceSplitterTests
{
    [Fact]
    public void Abbreviations_decimals_and_initials_do_not_end_sentences()
    {
        const string text = "See 17 U.S.C. Sec. 101 and Fig. 3, e.g. the chart. Rates rose 1.5 percent per No. 5 of Smith et al. in 2020. J. Doe agreed!  Next one?\n\nHeading without period\nNew line";
        var sentences = SentenceSplitter.Split(text).Select(r => text[r.Start..r.End]).ToList();
        Assert.Equal(
            [
                "See 17 U.S.C. Sec. 101 and Fig. 3, e.g. the chart.",
                "Rates rose 1.5 percent per No. 5 of Smith et al. in 2020.",
                "J. Doe agreed!",
                "Next one?",
                "Heading without period\nNew line",
            ],
            sentences);
    }

    [Fact]
    public void Ranges_are_trimmed_and_index_the_original_text()
    {
        const string text = "  First sentence here.   Second \"quoted.\" Third (x).  ";
        foreach (var range in SentenceSplitter.Split(text))
        {
            Assert.False(char.IsWhiteSpace(text[range.Start]));
            Assert.False(char.IsWhiteSpace(text[range.End - 1]));
        }

        Assert.Equal(["First sentence here.", "Second \"quoted.\"", "Third (x)."], SentenceSplitter.Split(text).Select(r => text[r.Start..r.End]));
    }
}
