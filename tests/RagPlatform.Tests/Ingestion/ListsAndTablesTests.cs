using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace RagPlatform.Tests.Ingestion;

/// <summary>Ordered lists keep their numbers and tables keep their rows together, in Markdown, HTML and DOCX.</summary>
public sealed class ListsAndTablesTests
{
    [Fact]
    public void A_markdown_statutes_numbered_factors_keep_their_numbers()
    {
        var doc = Decoders.DecodeSample("17-usc-106-107.md");

        Assert.Contains("1. the purpose and character of the use", doc.Text, StringComparison.Ordinal);
        Assert.Contains("4. the effect of the use upon the potential market", doc.Text, StringComparison.Ordinal);
        Assert.Contains("6. in the case of sound recordings", doc.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Html_ordered_lists_keep_numbers_and_a_table_is_one_paragraph_of_rows()
    {
        const string html = """
            <html><head><title>Fees</title></head><body>
            <p>The factors are:</p>
            <ol start="3"><li>the amount used;</li><li>the effect on the market.</li></ol>
            <table><tr><th>Service</th><th>Fee</th></tr><tr><td>Filing</td><td>$350</td></tr><tr><td>Appeal</td><td>$505</td></tr></table>
            </body></html>
            """;

        var doc = Decoders.Create().Decode(Encoding.UTF8.GetBytes(html), "fees.html", CancellationToken.None);

        Assert.Contains("3. the amount used;\n\n4. the effect on the market.", doc.Text, StringComparison.Ordinal);
        Assert.Contains("Service | Fee\nFiling | $350\nAppeal | $505", doc.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_docx_table_is_one_paragraph_a_row_a_line()
    {
        using var stream = new MemoryStream();
        using (var word = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = word.AddMainDocumentPart();
            var table = new Table(
                Row("Party", "Notice address"),
                Row("Supplier", "1 Main Street, Springfield"),
                Row("Customer", "9 Elm Road, Shelbyville"));
            main.Document = new Document(new Body(new Paragraph(new Run(new Text("Schedule 1. Notices."))), table, new Paragraph(new Run(new Text("End of schedule.")))));
        }

        var doc = Decoders.Create().Decode(stream.ToArray(), "notices.docx", CancellationToken.None);

        Assert.Equal(
            "Schedule 1. Notices.\n\nParty | Notice address\nSupplier | 1 Main Street, Springfield\nCustomer | 9 Elm Road, Shelbyville\n\nEnd of schedule.",
            doc.Text);
    }

    [Fact]
    public void A_cell_whose_text_holds_the_separator_stays_one_cell_in_html_markdown_and_docx()
    {
        const string html = """
            <html><body><table>
              <tr><th>Term</th><th>Meaning</th></tr>
              <tr><td>A | B</td><td>either party</td></tr>
            </table></body></html>
            """;
        const string markdown = "| Term | Meaning |\n|---|---|\n| A \\| B | either party |\n";
        using var stream = new MemoryStream();
        using (var word = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = word.AddMainDocumentPart();
            main.Document = new Document(new Body(new Table(Row("Term", "Meaning"), Row("A | B", "either party"))));
        }

        var decoders = Decoders.Create();
        foreach (var (bytes, name) in new[] { (Encoding.UTF8.GetBytes(html), "terms.html"), (Encoding.UTF8.GetBytes(markdown), "terms.md"), (stream.ToArray(), "terms.docx") })
        {
            var doc = decoders.Decode(bytes, name, CancellationToken.None);
            var table = Assert.Single(doc.Tables);
            Assert.Equal((2, 2), (table.Rows, table.Columns));
            Assert.Contains("Term | Meaning\nA | B | either party", doc.Text, StringComparison.Ordinal);
        }
    }

    private static TableRow Row(params string[] cells) =>
        new(cells.Select(c => new TableCell(new Paragraph(new Run(new Text(c) { Space = SpaceProcessingModeValues.Preserve })))));
}
