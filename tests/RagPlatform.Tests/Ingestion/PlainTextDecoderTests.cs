using System.Text;

namespace RagPlatform.Tests.Ingestion;

public sealed class PlainTextDecoderTests
{
    [Fact]
    public void Declaration_sample_decodes_as_utf8_without_warnings()
    {
        var doc = Decoders.DecodeSample("declaration-of-independence.txt");

        Decoders.AssertWellFormed(doc);
        Assert.Single(doc.Pages);
        Assert.Empty(doc.Warnings);
        Assert.Equal("The Declaration of Independence", doc.Title);
        Assert.Contains("We hold these truths to be self-evident", doc.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Form_feeds_split_pages()
    {
        var doc = Decoders.Create().Decode("Page one.\fPage two.\n\nStill two.\fPage three."u8.ToArray(), "a.txt", CancellationToken.None);

        Decoders.AssertWellFormed(doc);
        Assert.Equal(3, doc.Pages.Count);
        Assert.Equal(2, doc.PageAt(doc.Text.IndexOf("Still", StringComparison.Ordinal)));
        Assert.Equal(3, doc.PageAt(doc.Text.IndexOf("three", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("utf-16le")]
    [InlineData("utf-16be")]
    [InlineData("utf-8")]
    public void Byte_order_marks_select_the_encoding(string encodingName)
    {
        var encoding = Encoding.GetEncoding(encodingName);
        var bytes = encoding.GetPreamble().Concat(encoding.GetBytes("Übereinkommen § 12 — naïve café")).ToArray();

        var doc = Decoders.Create().Decode(bytes, "a.txt", CancellationToken.None);

        Assert.Equal("Übereinkommen § 12 — naïve café", doc.Text);
        Assert.Empty(doc.Warnings);
    }

    [Fact]
    public void Unknown_encoding_falls_back_to_latin1_with_a_warning()
    {
        var bytes = new byte[2000];
        var random = new Random(11);
        for (var i = 0; i < bytes.Length; i++)
        {
            bytes[i] = (byte)(i % 7 == 0 ? ' ' : random.Next(0xC0, 0x100));
        }

        var doc = Decoders.Create().Decode(bytes, "old.txt", CancellationToken.None);

        Decoders.AssertWellFormed(doc);
        Assert.Contains(doc.Warnings, w => w.Contains("Latin-1", StringComparison.Ordinal) && w.Contains("guessed", StringComparison.Ordinal));
        Assert.Equal(Encoding.Latin1.GetString(bytes).Split(' ', StringSplitOptions.RemoveEmptyEntries)[0], doc.Text.Split(' ')[0]);
    }

    [Fact]
    public void Unsupported_extension_is_refused()
    {
        var ex = Assert.Throws<RagPlatform.Core.Errors.DocumentFormatException>(
            () => Decoders.Create().Decode("x"u8.ToArray(), "a.xyz", CancellationToken.None));
        Assert.Contains("unsupported file type '.xyz'", ex.Message, StringComparison.Ordinal);
    }
}
