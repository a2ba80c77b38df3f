using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace RagPlatform.Tests.Ingestion;

/// <summary>
/// Builds samples/articles-of-confederation.docx (committed): Title, Heading 1/2 styles and numbered clauses of the
/// Articles of Confederation (1781, public domain).
/// </summary>
internal static class DocxSampleBuilder
{
    public static byte[] Build()
    {
        using var stream = new MemoryStream();
        using (var doc = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = doc.AddMainDocumentPart();
            var styles = main.AddNewPart<StyleDefinitionsPart>();
            styles.Styles = new Styles(
                Style("Title", "Title"), Style("Heading1", "heading 1"), Style("Heading2", "heading 2"));
            var body = new Body();
            body.Append(
                Para("Articles of Confederation (excerpt)", "Title"),
                Para("To all to whom these Presents shall come, we the undersigned Delegates of the States affixed to our Names send greeting."),
                Para("Article I", "Heading1"),
                Para("The Stile of this Confederacy shall be \"The United States of America\"."),
                Para("Article II", "Heading1"),
                Para("Each state retains its sovereignty, freedom, and independence, and every Power, Jurisdiction and right, which is not by this confederation expressly delegated to the United States, in Congress assembled."),
                Para("Article III", "Heading1"),
                Para("The said States hereby severally enter into a firm league of friendship with each other, for their common defence, the security of their Liberties, and their mutual and general welfare, binding themselves to assist each other, against all force offered to, or attacks made upon them, or any of them, on account of religion, sovereignty, trade, or any other pretence whatever."),
                Para("Article IV", "Heading1"),
                Para("Free inhabitants", "Heading2"),
                Para("4.1 The better to secure and perpetuate mutual friendship and intercourse among the people of the different States in this Union, the free inhabitants of each of these States, paupers, vagabonds and fugitives from Justice excepted, shall be entitled to all privileges and immunities of free citizens in the several States."),
                Para("Fugitives", "Heading2"),
                Para("4.2 If any Person guilty of, or charged with treason, felony, or other high misdemeanor in any State, shall flee from Justice, and be found in any of the United States, he shall upon demand of the Governor or executive power of the State from which he fled, be delivered up and removed to the State having jurisdiction of his offence."),
                Para("Full faith and credit", "Heading2"),
                Para("4.3 Full faith and credit shall be given in each of these States to the records, acts and judicial proceedings of the courts and magistrates of every other State."));
            main.Document = new Document(body);
            doc.PackageProperties.Title = "Articles of Confederation (excerpt)";
        }

        return stream.ToArray();
    }

    private static Style Style(string id, string name) =>
        new(new StyleName { Val = name }) { Type = StyleValues.Paragraph, StyleId = id };

    private static Paragraph Para(string text, string? style = null)
    {
        var p = new Paragraph(new Run(new Text(text) { Space = SpaceProcessingModeValues.Preserve }));
        if (style is not null)
        {
            p.PrependChild(new ParagraphProperties(new ParagraphStyleId { Val = style }));
        }

        return p;
    }
}
