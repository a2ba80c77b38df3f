using System.Text;
using RagPlatform.Core.Documents;
using RagPlatform.Ingestion.Pdf;

namespace RagPlatform.Tests.Ingestion;

/// <summary>Tables are their own spans and chunks (caption first, a row a line, cells separated by " | ") in every format.</summary>
public sealed class TablesTests
{
    private const string S2orc = "2020.acl-main.447.pdf";
    private const string Aila = "AILA_2019_Overview_Paper.pdf";

    [Fact]
    public void A_pdf_table_with_aligned_columns_is_read_row_by_row_under_its_caption()
    {
        var doc = Decoders.DecodeSample(S2orc);

        var table = Assert.Single(doc.Tables, t => t.Caption?.StartsWith("Table 3: Statistics on paper provenance", StringComparison.Ordinal) == true);
        var text = doc.Text[table.CharStart..table.CharEnd];
        Assert.StartsWith("Table 3: Statistics on paper provenance.", text, StringComparison.Ordinal);
        Assert.Contains("\nTotal papers | 81.1M\nPapers w/ PDF | 28.9M (35.6%)\n", text, StringComparison.Ordinal);
        Assert.EndsWith("Papers w/ ACL IDs | 42k (0.1%)", text, StringComparison.Ordinal);
        Assert.Equal(5, table.Page);
        Assert.Equal(2, table.Columns);
        Assert.True(table.Rows >= 10, $"{table.Rows} rows");
        Assert.Equal(5, table.Box!.Value.Page);

        // The cells are no longer scattered through the body as paragraphs of their own.
        Assert.DoesNotContain("\n\nTotal papers\n\n", doc.Text, StringComparison.Ordinal);
        Assert.Equal(1, Occurrences(doc.Text, "Papers w/ GROBID full text"));
    }

    [Fact]
    public void A_table_is_its_own_chunk_from_its_caption_to_its_last_row()
    {
        var doc = Decoders.DecodeSample(S2orc);
        var chunks = Decoders.Chunker().Split(Guid.NewGuid(), doc, CancellationToken.None);

        ChunkInvariant.Assert(doc, chunks, Decoders.Options.ChunkMaxChars);
        var table = doc.Tables.Single(t => t.Caption!.StartsWith("Table 2:", StringComparison.Ordinal));
        var chunk = Assert.Single(chunks, c => c.CharStart == table.CharStart);
        Assert.Equal(table.CharEnd, chunk.CharEnd);
        Assert.Equal("Table 2: Post-processing data quality filters for papers\nFilter | Number of papers\nNo title | 20k\nNo authors | 0.3M\n< 100 chars of text | 80.0M\nNot English | 15.2M", chunk.Text);
        Assert.Equal(4, chunk.PageStart);
        // No other chunk shares a character with a table.
        foreach (var t in doc.Tables)
        {
            Assert.All(chunks.Where(c => c.CharStart < t.CharEnd && t.CharStart < c.CharEnd),
                c => Assert.True(c.CharStart >= t.CharStart && c.CharEnd <= t.CharEnd, $"chunk {c.Ordinal} crosses a table's edge"));
        }
    }

    [Fact]
    public void A_wrapped_cell_is_joined_to_its_row_and_its_hyphen_undone()
    {
        var doc = Decoders.DecodeSample(Aila);

        var table = Assert.Single(doc.Tables, t => t.Caption!.StartsWith("Table 1. Results of Task 1", StringComparison.Ordinal));
        var text = doc.Text[table.CharStart..table.CharEnd];
        Assert.Contains("IITP | IITP BM25 case | 0.0275 0.0984 0.0869 | 0.175 | BM25, top 2 docs considered relevant\n", text, StringComparison.Ordinal);
        Assert.Contains("HGC | HGC 1 | 0.0575 0.1382 0.1207 | 0.28 | TF-IDF\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pdf_tables_characters_get_glyph_boxes_inside_the_tables_box()
    {
        var doc = Decoders.DecodeSample(S2orc);
        var boxes = PdfGlyphMapper.Map(File.ReadAllBytes(Decoders.SamplePath(S2orc)), doc.Text, doc.Pages, CancellationToken.None);

        var table = doc.Tables.Single(t => t.Caption!.StartsWith("Table 3:", StringComparison.Ordinal));
        var region = table.Box!.Value;
        var visible = Enumerable.Range(table.CharStart, table.CharEnd - table.CharStart).Where(i => !char.IsWhiteSpace(doc.Text[i]) && doc.Text[i] != '|').ToList();
        var boxed = visible.Where(i => boxes[i] is not null).ToList();
        Assert.True(boxed.Count >= 0.95 * visible.Count, $"{boxed.Count} of {visible.Count} table characters have a box");
        Assert.All(boxed, i => Assert.Equal(region.Page, boxes[i]!.Value.Page));
        var inside = boxed.Count(i => boxes[i]!.Value is var b
            && b.Left >= region.Left - 1 && b.Right <= region.Right + 1 && b.Bottom >= region.Bottom - 1 && b.Top <= region.Top + 1);
        // Measured 520 of 524: the alignment lends a few repeated characters ("w/") a neighbouring cell's glyph.
        Assert.True(inside >= 0.98 * boxed.Count, $"{inside} of {boxed.Count} boxed characters lie inside the table's box");
    }

    [Fact]
    public void Html_markdown_and_docx_tables_are_chunks_with_their_captions()
    {
        const string html = """
            <html><head><title>Fees</title></head><body><p>Court fees are set by the schedule below and change each year.</p>
            <table><caption>Table 1: Filing fees</caption><tr><th>Service</th><th>Fee</th></tr><tr><td>Filing</td><td>$350</td></tr></table>
            <p>Fees are payable on filing.</p></body></html>
            """;
        const string markdown = "# Fees\n\nCourt fees are set by the schedule below.\n\nTable 2: Appeal fees\n\n| Service | Fee |\n|---|---|\n| Appeal | $505 |\n| Motion | $100 |\n\nFees are payable on filing.\n";

        var fromHtml = Decoders.Create().Decode(Encoding.UTF8.GetBytes(html), "fees.html", CancellationToken.None);
        var fromMarkdown = Decoders.Create().Decode(Encoding.UTF8.GetBytes(markdown), "fees.md", CancellationToken.None);

        AssertTableChunk(fromHtml, "Table 1: Filing fees\nService | Fee\nFiling | $350", "Table 1: Filing fees");
        AssertTableChunk(fromMarkdown, "Table 2: Appeal fees\nService | Fee\nAppeal | $505\nMotion | $100", "Table 2: Appeal fees");
    }

    [Fact]
    public void A_table_of_5000_rows_is_cut_between_rows_into_bounded_chunks()
    {
        var markdown = new StringBuilder("# Register\n\nTable 1: Lots\n\n| Lot | Holder | Value |\n|---|---|---|\n");
        for (var i = 1; i <= 5000; i++)
        {
            markdown.Append("| ").Append(i).Append(" | Holder ").Append(i).Append(" | ").Append(i * 7).Append(" |\n");
        }

        var doc = Decoders.Create().Decode(Encoding.UTF8.GetBytes(markdown.ToString()), "register.md", CancellationToken.None);
        var chunks = Decoders.Chunker().Split(Guid.NewGuid(), doc, CancellationToken.None);

        var table = Assert.Single(doc.Tables);
        Assert.Equal(5001, table.Rows);
        ChunkInvariant.Assert(doc, chunks, Decoders.Options.ChunkMaxChars);
        var inTable = chunks.Where(c => c.CharStart >= table.CharStart && c.CharEnd <= table.CharEnd).ToList();
        Assert.True(inTable.Count > 50, $"{inTable.Count} chunks");
        Assert.StartsWith("Table 1: Lots\nLot | Holder | Value\n1 | Holder 1 | 7", inTable[0].Text, StringComparison.Ordinal);
        // Every chunk holds whole rows: it starts at a row's start and ends at a row's end.
        Assert.All(inTable, c =>
        {
            Assert.True(c.CharStart == table.CharStart || doc.Text[c.CharStart - 1] == '\n', $"chunk {c.Ordinal} starts mid-row");
            Assert.True(c.CharEnd == table.CharEnd || doc.Text[c.CharEnd] == '\n', $"chunk {c.Ordinal} ends mid-row");
        });
        Assert.Equal(5000, inTable.Sum(c => c.Text.Split('\n').Count(l => l.Length > 0 && char.IsDigit(l[0]) && l.Contains(" | Holder ", StringComparison.Ordinal))));
    }

    private static void AssertTableChunk(DocumentText doc, string expected, string caption)
    {
        var table = Assert.Single(doc.Tables);
        Assert.Equal(caption, table.Caption);
        Assert.Equal(expected, doc.Text[table.CharStart..table.CharEnd]);
        var chunks = Decoders.Chunker().Split(Guid.NewGuid(), doc, CancellationToken.None);
        ChunkInvariant.Assert(doc, chunks, Decoders.Options.ChunkMaxChars);
        Assert.Equal(expected, Assert.Single(chunks, c => c.CharStart == table.CharStart).Text);
        Assert.Contains(chunks, c => c.Text.Contains("payable on filing", StringComparison.Ordinal) && !c.Text.Contains('|', StringComparison.Ordinal));
    }

    private static int Occurrences(string text, string value)
    {
        var (count, at) = (0, text.IndexOf(value, StringComparison.Ordinal));
        while (at >= 0)
        {
            count++;
            at = text.IndexOf(value, at + 1, StringComparison.Ordinal);
        }

        return count;
    }
}
