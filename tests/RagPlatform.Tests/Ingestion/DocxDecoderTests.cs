using System.IO.Compression;
using RagPlatform.Core.Errors;

namespace RagPlatform.Tests.Ingestion;

public sealed class DocxDecoderTests
{
    [Fact]
    public void Sample_docx_has_one_page_heading_sections_and_numbered_clauses()
    {
        var doc = Decoders.DecodeSample("articles-of-confederation.docx");

        Decoders.AssertWellFormed(doc);
        Assert.Single(doc.Pages);
        Assert.Equal("Articles of Confederation (excerpt)", doc.Title);
        var article4 = Assert.Single(doc.Sections, s => s.Number == "IV");
        Assert.Equal("Articles of Confederation (excerpt) > Article IV", article4.Path);
        var clause = Assert.Single(doc.Sections, s => s.Number == "4.2");
        Assert.StartsWith("Articles of Confederation (excerpt) > Article IV > Fugitives > 4.2 If any Person", clause.Path, StringComparison.Ordinal);
        Assert.True(clause.Level > article4.Level);
        Assert.Equal(doc.Text.IndexOf("Full faith and credit", StringComparison.Ordinal), doc.Sections.Single(s => s.Title == "Fugitives").CharEnd);
    }

    [Fact]
    public void Generated_docx_decodes_like_the_committed_sample()
    {
        var generated = Decoders.Create().Decode(DocxSampleBuilder.Build(), "gen.docx", CancellationToken.None);
        var committed = Decoders.DecodeSample("articles-of-confederation.docx");

        Assert.Equal(committed.Text, generated.Text);
        Assert.Equal(committed.Sections, generated.Sections);
    }

    [Fact]
    public void Renamed_zip_is_not_a_docx()
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var writer = new StreamWriter(zip.CreateEntry("notes.txt").Open());
            writer.Write("just a zip");
        }

        var ex = Assert.Throws<DocumentFormatException>(
            () => Decoders.Create().Decode(stream.ToArray(), "contract.docx", CancellationToken.None));
        Assert.StartsWith("not a DOCX file", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Garbage_named_docx_is_not_a_docx()
    {
        var ex = Assert.Throws<DocumentFormatException>(
            () => Decoders.Create().Decode("plain text, not a zip"u8.ToArray(), "contract.docx", CancellationToken.None));
        Assert.StartsWith("not a DOCX file", ex.Message, StringComparison.Ordinal);
    }
}
