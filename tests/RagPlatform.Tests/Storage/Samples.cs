using RagPlatform.Core.Documents;
using RagPlatform.Core.Indexing;

namespace RagPlatform.Tests.Storage;

/// <summary>Builds consistent documents: pages and chunks that cover the text, chunk text verbatim at its span.</summary>
internal static class Samples
{
    public static readonly DateTimeOffset Created = new(2026, 1, 2, 3, 4, 5, TimeSpan.FromHours(2));

    public static ParsedDocument Document(
        string collection, string source, string text, int chunkLength, Guid? id = null, DocumentState state = DocumentState.Indexing)
    {
        var documentId = id ?? Guid.NewGuid();
        var half = text.Length / 2;
        PageSpan[] pages = text.Length < 2 ? [new PageSpan(1, 0, text.Length)] : [new PageSpan(1, 0, half), new PageSpan(2, half, text.Length)];
        Section[] sections = [new Section("Intro", "1", 1, 0, half, "1 Intro"), new Section("Scope", "1.1", 2, 0, half, "1 Intro > 1.1 Scope")];
        var documentText = new DocumentText(text, pages, sections, ["page 2 has no text layer (scanned?)"], "Title of " + source);
        var chunks = new List<Chunk>();
        for (int start = 0, ordinal = 0; start < text.Length; start += chunkLength, ordinal++)
        {
            var end = Math.Min(text.Length, start + chunkLength);
            chunks.Add(new Chunk(
                Chunk.MakeId(documentId, ordinal), documentId, ordinal, start, end,
                documentText.PageAt(start), documentText.PageAt(end - 1), "1 Intro", text[start..end]));
        }

        var info = new DocumentInfo(
            documentId, collection, "Title of " + source, source, new string('a', 64), state, pages.Length, chunks.Count,
            text.Length * 2L, documentText.Warnings, null, Created, Created.AddMinutes(1));
        return new ParsedDocument(info, documentText, chunks);
    }
}
