using System.Text;
using System.Text.RegularExpressions;
using RagPlatform.Core.Documents;
using RagPlatform.Ingestion.Normalization;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace RagPlatform.Tests.Ingestion;

/// <summary>
/// What a PDF's text must be for search, chunks and quotes: words where the page leaves gaps, composed diacritics,
/// running headers, page numbers, line numbers and footnotes out of the body, the title from the first page, and
/// numbered sections. On the real sample PDFs, and on PDFs the tests draw.
/// </summary>
public sealed class PdfLayoutTests
{
    [Theory]
    [InlineData("2020.acl-main.447.pdf", "S2ORC: The Semantic Scholar Open Research Corpus")]
    [InlineData("2023.eacl-main.121.pdf", "LONGEVAL: Guidelines for Human Evaluation of Faithfulness in Long-form Summarization")]
    [InlineData("AILA_2019_Overview_Paper.pdf", "Overview of the FIRE 2019 AILA Track: Artificial Intelligence for Legal Assistance")]
    [InlineData("federal-register-2020-17221.pdf", "Airworthiness Directives; The Boeing Company Airplanes")]
    [InlineData("scotus-transcript-p1.pdf", "Knowles v. Mirzayance")]
    public void Title_comes_from_the_first_page_not_a_banner_stamp_or_metadata(string file, string title)
    {
        Assert.Equal(title, Decoders.DecodeSample(file).Title);
    }

    [Fact]
    public void Numbered_paper_sections_are_found_with_their_numbers()
    {
        var doc = Decoders.DecodeSample("2020.acl-main.447.pdf");

        Assert.Contains(doc.Sections, s => s.Number == "2" && s.Title == "Constructing the corpus" && s.Level == 1);
        Assert.Contains(doc.Sections, s => s.Number == "2.1" && s.Title == "Processing PDFs" && s.Level == 2);
        Assert.Contains(doc.Sections, s => s.Number == "3" && s.Title.StartsWith("The S2ORC dataset", StringComparison.Ordinal));
        // Footnotes start with a number too, but are never headings.
        Assert.DoesNotContain(doc.Sections, s => s.Title.StartsWith("Instructions for access", StringComparison.Ordinal));
    }

    [Fact]
    public void Justified_lines_keep_their_words_apart_and_accents_composed()
    {
        var doc = Decoders.DecodeSample("2020.acl-main.447.pdf");

        var flat = doc.Text.Replace('\n', ' ');
        Assert.Contains("Notably, we release structured, machine-readable full text", flat, StringComparison.Ordinal);
        Assert.Contains("Saier and F\u00E4rber (2019)", flat, StringComparison.Ordinal);
        Assert.DoesNotContain("machinewe", doc.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("\u00A8", doc.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(doc.Text, c => c is >= '\u0300' and <= '\u036F');
    }

    [Fact]
    public void Footnotes_follow_the_body_of_their_page()
    {
        var doc = Decoders.DecodeSample("2020.acl-main.447.pdf");
        var note = doc.Text.IndexOf("Instructions for access to the data and model are available", StringComparison.Ordinal);
        var body = doc.Text.IndexOf("Digital archives like arXiv", StringComparison.Ordinal);

        Assert.True(note > body && body > 0, $"footnote at {note}, body at {body}");
        Assert.Equal(1, doc.PageAt(note));
    }

    [Fact]
    public void Running_headers_page_numbers_and_print_stamps_stay_out_of_the_text()
    {
        var doc = Decoders.DecodeSample("federal-register-2020-17221.pdf");

        Assert.DoesNotContain("Federal Register / Vol. 85, No. 152 / Thursday, August 6, 2020 / Proposed Rules", doc.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("VerDate", doc.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(Paragraphs(doc), p => Regex.IsMatch(p, @"^4\d{4}$"));
        Assert.Contains("The FAA proposes to", doc.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_transcripts_line_numbers_are_not_text()
    {
        var doc = Decoders.DecodeSample("scotus-transcript-p1.pdf");

        Assert.DoesNotContain(Paragraphs(doc), p => Regex.IsMatch(p, @"^\d{1,2}$"));
        Assert.Contains("The above-entitled matter came on for oral\nargument before the Supreme Court", doc.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Words_set_without_space_glyphs_are_split_at_their_gaps()
    {
        // Each word drawn on its own, no space characters: as TeX and most typesetters set text.
        var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        var page = builder.AddPage(PageSize.A4);
        var x = 72.0;
        foreach (var word in "the notice period is thirty days".Split(' '))
        {
            page.AddText(word, 11, new PdfPoint(x, 700), font);
            x += page.MeasureText(word, 11, new PdfPoint(x, 700), font).Max(l => l.EndBaseLine.X) - x + 3.2;
        }

        var doc = Decoders.Create().Decode(builder.Build(), "gaps.pdf", CancellationToken.None);

        Assert.Equal("the notice period is thirty days", doc.Text);
    }

    [Fact]
    public void A_header_repeated_on_every_page_and_page_numbers_are_furniture()
    {
        var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        for (var n = 1; n <= 3; n++)
        {
            var page = builder.AddPage(PageSize.A4);
            page.AddText("Master Services Agreement - Confidential", 9, new PdfPoint(72, 810), font);
            page.AddText($"Clause {n} of the agreement binds both parties.", 11, new PdfPoint(72, 600), font);
            page.AddText($"{n}", 9, new PdfPoint(297, 30), font);
        }

        var doc = Decoders.Create().Decode(builder.Build(), "header.pdf", CancellationToken.None);

        Assert.DoesNotContain("Confidential", doc.Text, StringComparison.Ordinal);
        Assert.Equal(
            ["Clause 1 of the agreement binds both parties.", "Clause 2 of the agreement binds both parties.", "Clause 3 of the agreement binds both parties."],
            doc.Pages.Select(p => doc.Text[p.CharStart..p.CharEnd].Trim()).ToArray());
    }

    [Fact]
    public void A_line_end_hyphen_is_kept_in_a_compound_and_dropped_in_a_broken_word()
    {
        var policy = HyphenPolicy.From(["machine translation", "readable text", "introduce"]);
        var assembler = new TextAssembler(Decoders.Options, CancellationToken.None) { KeepHyphen = policy.KeepHyphen };

        assembler.AddParagraph("a machine-\nreadable corpus; we intro-\nduce it and summa-\nrize it");
        var doc = assembler.Build([], null);

        Assert.Equal("a machine-readable corpus; we introduce it and summarize it", doc.Text);
    }

    private static IEnumerable<string> Paragraphs(DocumentText doc) =>
        doc.Text.Split("\n\n").Select(p => p.Trim());
}
