using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace RagPlatform.Tests.Ingestion;

/// <summary>A PDF that draws each character as its own text fragment (1,000 and more a line) still reads as clean words.</summary>
public sealed class FragmentedPdfTests
{
    [Fact]
    public void A_line_of_a_thousand_one_letter_fragments_reads_as_its_words()
    {
        const string sentence = "the parties agree that notice shall be given in writing ";
        var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        var page = builder.AddPage(4000, 400);
        var line = string.Concat(Enumerable.Repeat(sentence, 18)); // about 1,000 characters, each its own fragment
        foreach (var y in new[] { 300.0, 280.0 })
        {
            var x = 20.0;
            foreach (var c in line)
            {
                var letters = page.AddText(c.ToString(), 3, new PdfPoint(x, y), font);
                x = letters.Count == 0 ? x + 1 : letters[^1].EndBaseLine.X;
            }
        }

        var doc = Decoders.Create().Decode(builder.Build(), "fragments.pdf", CancellationToken.None);

        Assert.True(line.Length >= 1000, $"{line.Length} fragments a line");
        Assert.Empty(doc.Warnings);
        var words = doc.Text.Split([' ', '\n'], StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2 * 18 * 10, words.Length);
        Assert.All(words, w => Assert.Contains(" " + w + " ", " " + sentence, StringComparison.Ordinal));
    }
}
