using System.Text;

namespace RagPlatform.Tests.Ingestion;

public sealed class HtmlDecoderTests
{
    [Fact]
    public void Constitution_sample_has_title_sections_and_no_script_text()
    {
        var doc = Decoders.DecodeSample("us-constitution-article-i.html");

        Decoders.AssertWellFormed(doc);
        Assert.Single(doc.Pages);
        Assert.Equal("Constitution of the United States, Article I (excerpt)", doc.Title);
        Assert.DoesNotContain("console.log", doc.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("font-family", doc.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Enable scripts", doc.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("never rendered", doc.Text, StringComparison.Ordinal);
        var section3 = Assert.Single(doc.Sections, s => s.Path == "The Constitution of the United States > Article I > Section 3");
        Assert.Equal("3", section3.Number);
        Assert.Equal(3, section3.Level);
        Assert.Equal(doc.Text.IndexOf("Section 4", StringComparison.Ordinal), section3.CharEnd);
        Assert.Contains("\nTo borrow Money on the credit of the United States;\n\nTo regulate", doc.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Fifty_megabytes_of_nested_tags_decode_without_stack_overflow()
    {
        // ~4.4 million levels of <div><span>: HTML5 tree building is quadratic in the depth, so the decoder detects
        // the nesting with a linear scan and reads the text flat.
        const int depth = 2_200_000;
        var html = new StringBuilder(depth * 24);
        html.Append("<html><head><title>deep</title></head><body>");
        for (var i = 0; i < depth; i++)
        {
            html.Append("<div><span>");
        }

        html.Append("bottom text");
        for (var i = 0; i < depth; i++)
        {
            html.Append("</span></div>");
        }

        html.Append("</body></html>");
        var bytes = Encoding.UTF8.GetBytes(html.ToString());
        Assert.True(bytes.Length >= 50_000_000, $"{bytes.Length} bytes");

        var doc = Decoders.Create().Decode(bytes, "deep.html", CancellationToken.None);

        Assert.Equal("bottom text", doc.Text);
        Assert.Equal("deep", doc.Title);
        Assert.Contains(doc.Warnings, w => w.Contains("without structure", StringComparison.Ordinal));
    }
}
