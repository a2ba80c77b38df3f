using System.IO.Compression;
using System.Text;
using RagPlatform.Core.Errors;
using RagPlatform.Core.Indexing;
using RagPlatform.Ingestion.Archives;

namespace RagPlatform.Tests.Ingestion;

public sealed class IngestionBoundsTests
{
    private const string Paragraph = "<w:p><w:r><w:t>The supplier shall deliver the goods within thirty days.</w:t></w:r></w:p>";

    [Fact]
    public void A_docx_part_declaring_more_than_the_limit_is_refused_before_it_inflates()
    {
        var options = new IngestionOptions { MaxInflatedBytes = 64 * 1024, MaxCompressionRatio = 2000 };
        var docx = Docx(Body(2000));

        var ex = Assert.Throws<DocumentFormatException>(() => Decoders.Create(options).Decode(docx, "big.docx", CancellationToken.None));

        Assert.Equal("word/document.xml inflates past 65,536 bytes (Ingestion:MaxInflatedBytes)", ex.Message);
    }

    [Fact]
    public void Inflated_bytes_are_counted_even_when_the_declared_size_is_not_checked()
    {
        // Declared sizes can lie: the stream itself must stop at the bound, for the part and for the file.
        var budget = new InflateBudget(new IngestionOptions { MaxInflatedBytes = 8 * 1024, MaxTotalInflatedBytes = 12 * 1024 });
        using var archive = new ZipArchive(new MemoryStream(Docx(Body(200))), ZipArchiveMode.Read);
        var entry = archive.GetEntry("word/document.xml")!;
        Assert.True(entry.Length > 8 * 1024);

        using var part = new BoundedInflateStream(entry.Open(), entry.FullName, budget);
        var ex = Assert.Throws<DocumentFormatException>(() => part.CopyTo(Stream.Null));
        Assert.Equal("word/document.xml inflates past 8,192 bytes (Ingestion:MaxInflatedBytes)", ex.Message);

        var total = new InflateBudget(new IngestionOptions { MaxInflatedBytes = 20 * 1024, MaxTotalInflatedBytes = 24 * 1024 });
        using (var first = new BoundedInflateStream(archive.GetEntry("word/document.xml")!.Open(), "word/document.xml", total))
        {
            first.CopyTo(Stream.Null);
        }

        using var second = new BoundedInflateStream(archive.GetEntry("word/document.xml")!.Open(), "word/document.xml", total);
        var totalEx = Assert.Throws<DocumentFormatException>(() => second.CopyTo(Stream.Null));
        Assert.Equal("the file's parts inflate past 24,576 bytes in total (Ingestion:MaxTotalInflatedBytes)", totalEx.Message);
    }

    [Fact]
    public void A_part_compressed_far_more_than_real_documents_is_refused()
    {
        var options = new IngestionOptions { CompressionRatioFloorBytes = 1024, MaxCompressionRatio = 20 };

        var ex = Assert.Throws<DocumentFormatException>(() => Decoders.Create(options).Decode(Docx(Body(2000)), "dense.docx", CancellationToken.None));

        Assert.Matches(@"^word/document\.xml is compressed [\d,]+:1, over the limit of 20:1 \(Ingestion:MaxCompressionRatio\)$", ex.Message);
    }

    [Fact]
    public void Element_count_and_characters_are_bounded_while_streaming()
    {
        var elements = Assert.Throws<DocumentFormatException>(
            () => Decoders.Create(new IngestionOptions { MaxXmlElements = 1000 }).Decode(Docx(Body(400)), "many.docx", CancellationToken.None));
        Assert.Equal("word/document.xml has more than 1,000 XML elements (Ingestion:MaxXmlElements)", elements.Message);

        var chars = Assert.Throws<DocumentFormatException>(
            () => Decoders.Create(new IngestionOptions { MaxDocumentChars = 5000 }).Decode(Docx(Body(300)), "long.docx", CancellationToken.None));
        Assert.Equal("the document's text passes 5,000 characters (Ingestion:MaxDocumentChars)", chars.Message);

        // One huge text node is read in chunks and stopped at the bound, not materialized first.
        var oneNode = "<w:p><w:r><w:t>" + new string('x', 200_000) + "</w:t></w:r></w:p>";
        var node = Assert.Throws<DocumentFormatException>(
            () => Decoders.Create(new IngestionOptions { MaxDocumentChars = 50_000 }).Decode(Docx(oneNode), "node.docx", CancellationToken.None));
        Assert.Equal("the document's text passes 50,000 characters (Ingestion:MaxDocumentChars)", node.Message);
    }

    [Fact]
    public void Deep_nesting_and_dtds_are_refused()
    {
        var deep = string.Concat(Enumerable.Repeat("<w:tbl>", 600)) + string.Concat(Enumerable.Repeat("</w:tbl>", 600));
        var ex = Assert.Throws<DocumentFormatException>(() => Decoders.Create().Decode(Docx(deep), "deep.docx", CancellationToken.None));
        Assert.Equal("word/document.xml nests XML elements more than 512 deep", ex.Message);

        var laughs = Docx(Paragraph, """<!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>""");
        var dtd = Assert.Throws<DocumentFormatException>(() => Decoders.Create().Decode(laughs, "laughs.docx", CancellationToken.None));
        Assert.StartsWith("not a DOCX file", dtd.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Streamed_docx_keeps_runs_tabs_breaks_and_ignores_fallback_and_tab_stops()
    {
        var body = """
            <w:p><w:pPr><w:pStyle w:val="Heading1"/><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr><w:r><w:t>Definitions</w:t></w:r></w:p>
            <w:p><w:r><w:t xml:space="preserve">Goods </w:t></w:r><w:r><w:t>means</w:t><w:tab/><w:t>items</w:t><w:br/><w:t>sold</w:t></w:r></w:p>
            <w:p><mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><mc:Choice Requires="wps"><w:r><w:t>Boxed</w:t></w:r></mc:Choice><mc:Fallback><w:r><w:t>Boxed</w:t></w:r></mc:Fallback></mc:AlternateContent></w:p>
            """;

        var doc = Decoders.Create().Decode(Docx(body), "runs.docx", CancellationToken.None);

        Assert.Equal("Definitions\n\nGoods means items\nsold\n\nBoxed", doc.Text);
        Assert.Equal("Definitions", Assert.Single(doc.Sections).Title);
        Assert.Equal("Definitions", doc.Title);
    }

    [Fact]
    public void Text_with_more_pages_than_the_limit_fails_and_cancellation_stops_decoding()
    {
        var pages = string.Join('\f', Enumerable.Range(1, 50).Select(i => $"Page {i} text."));
        var ex = Assert.Throws<DocumentFormatException>(
            () => Decoders.Create(new IngestionOptions { MaxPages = 10 }).Decode(Encoding.UTF8.GetBytes(pages), "pages.txt", CancellationToken.None));
        Assert.Equal("the document has more than 10 pages (Ingestion:MaxPages)", ex.Message);

        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => Decoders.Create().Decode(Docx(Body(5000)), "c.docx", cancelled.Token));
        var text = Decoders.DecodeSample("articles-of-confederation.docx");
        Assert.ThrowsAny<OperationCanceledException>(() => Decoders.Chunker().Split(Guid.NewGuid(), text, cancelled.Token));
    }

    [Fact]
    public void Pdf_streams_are_inflated_within_the_budget_and_pages_are_bounded()
    {
        var pdf = File.ReadAllBytes(Decoders.SamplePath("federal-register-2020-17221.pdf"));
        Assert.NotEmpty(Decoders.Create().Decode(pdf, "fr.pdf", CancellationToken.None).Text);

        var inflate = Assert.Throws<DocumentFormatException>(
            () => Decoders.Create(new IngestionOptions { MaxInflatedBytes = 4096 }).Decode(pdf, "fr.pdf", CancellationToken.None));
        Assert.Equal("a PDF stream inflates past 4,096 bytes (Ingestion:MaxInflatedBytes)", inflate.Message);

        var pages = Assert.Throws<DocumentFormatException>(
            () => Decoders.Create(new IngestionOptions { MaxPages = 1 }).Decode(pdf, "fr.pdf", CancellationToken.None));
        Assert.Matches(@"^the PDF has [\d,]+ pages, over the limit of 1 \(Ingestion:MaxPages\)$", pages.Message);
    }

    [Fact]
    public void Options_refuse_a_total_below_the_per_part_limit()
    {
        var options = new IngestionOptions { MaxInflatedBytes = 2048, MaxTotalInflatedBytes = 1024 };
        var results = new List<System.ComponentModel.DataAnnotations.ValidationResult>();

        Assert.False(System.ComponentModel.DataAnnotations.Validator.TryValidateObject(options, new(options), results, validateAllProperties: true));
        Assert.Contains(results, r => r.ErrorMessage!.Contains("MaxTotalInflatedBytes", StringComparison.Ordinal));
    }

    private static string Body(int paragraphs) => string.Concat(Enumerable.Repeat(Paragraph, paragraphs));

    /// <summary>A minimal DOCX (content types, package relationships, document.xml) around <paramref name="body"/>.</summary>
    internal static byte[] Docx(string body, string doctype = "")
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            Entry(zip, "[Content_Types].xml", """<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/></Types>""");
            Entry(zip, "_rels/.rels", """<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="/word/document.xml"/></Relationships>""");
            Entry(zip, "word/document.xml", $"""<?xml version="1.0" encoding="UTF-8"?>{doctype}<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>""");
        }

        return stream.ToArray();
    }

    private static void Entry(ZipArchive zip, string name, string text)
    {
        using var writer = new StreamWriter(zip.CreateEntry(name).Open(), new UTF8Encoding(false));
        writer.Write(text);
    }
}
