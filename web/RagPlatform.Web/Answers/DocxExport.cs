using System.Globalization;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using RagPlatform.Core.Answering;
using RagPlatform.Core.Answering.History;

namespace RagPlatform.Web.Answers;

/// <summary>
/// A stored answer as a Word document: the question as heading, the answer with a real footnote reference where each
/// [n] stood, and in the FootnotesPart one footnote per citation holding its title, pages and verbatim quote.
/// </summary>
internal static partial class DocxExport
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    public static byte[] Write(StoredAnswer answer)
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            var citations = answer.Citations.ToDictionary(c => c.N);
            // Footnote ids are the citation numbers; -1 and 0 are Word's separator footnotes, which it expects first.
            var footnotes = main.AddNewPart<FootnotesPart>();
            footnotes.Footnotes = new Footnotes(
                Separator(-1, FootnoteEndnoteValues.Separator, new SeparatorMark()),
                Separator(0, FootnoteEndnoteValues.ContinuationSeparator, new ContinuationSeparatorMark()));
            foreach (var citation in answer.Citations.OrderBy(c => c.N))
            {
                footnotes.Footnotes.Append(Note(citation));
            }

            var settings = main.AddNewPart<DocumentSettingsPart>();
            settings.Settings = new Settings(new FootnoteDocumentWideProperties(
                new FootnoteSpecialReference { Id = -1 }, new FootnoteSpecialReference { Id = 0 }));

            var body = new Body(
                new Paragraph(new Run(new RunProperties(new Bold(), new FontSize { Val = "32" }), Text(answer.Question))),
                AnswerParagraph(answer.Answer, citations),
                new Paragraph(new Run(new RunProperties(new Italic()), Text(string.Create(
                    CultureInfo.InvariantCulture, $"{answer.Collection} · {answer.Strategy} · {answer.CreatedAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC")))));
            main.Document = new Document(body);
        }

        return stream.ToArray();
    }

    private static Paragraph AnswerParagraph(string text, Dictionary<int, Citation> citations)
    {
        var paragraph = new Paragraph();
        var at = 0;
        foreach (Match marker in Marker().Matches(text))
        {
            var n = int.Parse(marker.Groups[1].Value, CultureInfo.InvariantCulture);
            if (!citations.ContainsKey(n))
            {
                continue;
            }

            Append(paragraph, text[at..marker.Index]);
            paragraph.Append(new Run(new RunProperties(Superscript()), new FootnoteReference { Id = n }));
            at = marker.Index + marker.Length;
        }

        Append(paragraph, text[at..]);
        return paragraph;
    }

    private static Footnote Note(Citation citation) => new(
        new Paragraph(
            new Run(new RunProperties(Superscript()), new FootnoteReferenceMark()),
            new Run(Text(" " + CitationNote.Source(citation) + ": \u201c")),
            QuoteRun(citation.Quote),
            new Run(Text("\u201d"))))
    { Id = citation.N };

    /// <summary>The quote verbatim; its line breaks become Word breaks so no character is lost or merged.</summary>
    private static Run QuoteRun(string quote)
    {
        var run = new Run();
        var lines = quote.ReplaceLineEndings("\n").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (i > 0)
            {
                run.Append(new Break());
            }

            run.Append(Text(lines[i]));
        }

        return run;
    }

    private static Footnote Separator(int id, FootnoteEndnoteValues type, OpenXmlElement mark) =>
        new(new Paragraph(new Run(mark))) { Id = id, Type = type };

    private static void Append(Paragraph paragraph, string text)
    {
        if (text.Length > 0)
        {
            paragraph.Append(new Run(Text(text)));
        }
    }

    private static Text Text(string text) => new(text) { Space = SpaceProcessingModeValues.Preserve };

    private static VerticalTextAlignment Superscript() => new() { Val = VerticalPositionValues.Superscript };

    [GeneratedRegex(@"\s?\[(\d+)\]")]
    private static partial Regex Marker();
}
