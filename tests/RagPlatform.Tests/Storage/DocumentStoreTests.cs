using Microsoft.EntityFrameworkCore;
using RagPlatform.Core.Documents;

namespace RagPlatform.Tests.Storage;

public sealed class DocumentStoreTests
{
    private static readonly CancellationToken s_none = CancellationToken.None;

    [Fact]
    public async Task SaveDocuments_round_trips_metadata_text_pages_sections_and_chunks()
    {
        await using var temp = await TempStore.CreateAsync();
        var doc = Samples.Document("law", "/corpus/a.txt", "Article 1. The parties agree. Article 2. Payment is due.", 10);

        await temp.Store.SaveDocumentsAsync([doc], s_none);

        var info = await temp.Store.GetDocumentAsync(doc.Info.Id, s_none);
        Assert.NotNull(info);
        Assert.Equal(doc.Info with { Warnings = [], Authors = [] }, info with { Warnings = [], Authors = [] });
        Assert.Equal(doc.Info.Warnings, info.Warnings);
        Assert.Equal(doc.Info.Authors, info.Authors);
        Assert.Equal(TimeSpan.Zero, info.CreatedAt.Offset);
        Assert.Equal(Samples.Created, info.CreatedAt);

        var stored = await temp.Store.GetStoredDocumentAsync(doc.Info.Id, s_none);
        Assert.NotNull(stored);
        Assert.Equal(doc.Text.Text, stored.Text);
        Assert.Equal(doc.Text.Pages, stored.Pages);
        Assert.Equal(doc.Text.Sections, stored.Sections);
        Assert.Equal(doc.Chunks, await temp.Store.GetChunksAsync(doc.Info.Id, s_none));
        Assert.Equal(1, (await temp.Store.GetCollectionAsync("law", s_none))?.Documents);
    }

    [Fact]
    public async Task SaveDocuments_again_replaces_text_and_removes_old_chunks()
    {
        await using var temp = await TempStore.CreateAsync();
        var first = Samples.Document("law", "/corpus/a.txt", new string('x', 30), 10);
        await temp.Store.SaveDocumentsAsync([first], s_none);

        var second = Samples.Document("law", "/corpus/a.txt", "shorter new text", 8, first.Info.Id);
        await temp.Store.SaveDocumentsAsync([second], s_none);

        var chunks = await temp.Store.GetChunksAsync(first.Info.Id, s_none);
        Assert.Equal(["shorter ", "new text"], chunks.Select(c => c.Text));
        Assert.Equal("shorter new text", (await temp.Store.GetStoredDocumentAsync(first.Info.Id, s_none))?.Text);
        Assert.Equal(2, (await temp.Store.GetChunkCountsAsync("law", s_none))[first.Info.Id]);
        Assert.Single(await temp.Store.ListDocumentsAsync("law", s_none));
    }

    [Fact]
    public async Task Lists_are_ordered_by_source_and_collections_count_their_documents()
    {
        await using var temp = await TempStore.CreateAsync();
        await temp.Store.EnsureCollectionAsync("empty", s_none);
        await temp.Store.SaveDocumentsAsync(
            [Samples.Document("law", "c.txt", "ccc", 2), Samples.Document("law", "a.txt", "aaa", 2), Samples.Document("sci", "b.txt", "bbb", 2)],
            s_none);

        Assert.Equal(["a.txt", "c.txt"], (await temp.Store.ListDocumentsAsync("law", s_none)).Select(d => d.Source));
        var collections = await temp.Store.ListCollectionsAsync(s_none);
        Assert.Equal([("empty", 0), ("law", 2), ("sci", 1)], collections.Select(c => (c.Name, c.Documents)));
        Assert.Equal("b.txt", (await temp.Store.FindDocumentBySourceAsync("sci", "b.txt", s_none))?.Source);
        Assert.Null(await temp.Store.FindDocumentBySourceAsync("law", "b.txt", s_none));
        Assert.Equal("empty", (await temp.Store.EnsureCollectionAsync("empty", s_none)).Name);
        Assert.Equal(3, (await temp.Store.ListCollectionsAsync(s_none)).Count);
    }

    [Fact]
    public async Task States_decide_which_ids_are_indexed()
    {
        await using var temp = await TempStore.CreateAsync();
        var a = Samples.Document("law", "a.txt", "aaaa", 2);
        var b = Samples.Document("law", "b.txt", "bbbb", 2);
        var c = Samples.Document("law", "c.txt", "cccc", 2);
        await temp.Store.SaveDocumentsAsync([a, b, c], s_none);
        var now = new DateTimeOffset(2026, 5, 1, 0, 0, 0, TimeSpan.Zero);

        await temp.Store.SetDocumentStatesAsync([a.Info.Id, b.Info.Id], DocumentState.Indexed, null, now, s_none);
        await temp.Store.SetDocumentStatesAsync([c.Info.Id], DocumentState.Failed, "boom", now, s_none);

        var indexed = await temp.Store.GetIndexedIdsAsync([a.Info.Id, c.Info.Id, Guid.NewGuid()], s_none);
        Assert.Equal([a.Info.Id], indexed);
        Assert.Empty(await temp.Store.GetIndexedIdsAsync([], s_none));
        var failed = Assert.Single(await temp.Store.ListDocumentsByStateAsync(DocumentState.Failed, s_none));
        Assert.Equal(("boom", now), (failed.Error, failed.UpdatedAt));
        Assert.Equal(2, (await temp.Store.ListDocumentsByStateAsync(DocumentState.Indexed, s_none)).Count);
        Assert.Empty(await temp.Store.ListDocumentsByStateAsync(DocumentState.Indexing, s_none));
    }

    [Fact]
    public async Task UpsertDocumentInfo_inserts_then_updates_metadata_only()
    {
        await using var temp = await TempStore.CreateAsync();
        var info = new DocumentInfo(Guid.NewGuid(), "law", "bad.pdf", "/in/bad.pdf", "00", DocumentState.Failed, 0, 0, 12, [], "corrupt", Samples.Created, Samples.Created);

        await temp.Store.UpsertDocumentInfoAsync(info, s_none);
        await temp.Store.UpsertDocumentInfoAsync(info with { Error = "still corrupt", Bytes = 13 }, s_none);

        var stored = await temp.Store.GetDocumentAsync(info.Id, s_none);
        Assert.Equal(("still corrupt", 13L), (stored?.Error, stored?.Bytes ?? 0));
        Assert.Empty(await temp.Store.GetChunksAsync(info.Id, s_none));
        Assert.Equal(1, (await temp.Store.GetCollectionAsync("law", s_none))?.Documents);
    }

    [Fact]
    public async Task DeleteDocument_cascades_to_every_owned_row()
    {
        await using var temp = await TempStore.CreateAsync();
        var keep = Samples.Document("law", "keep.txt", "keep this text", 4);
        var drop = Samples.Document("law", "drop.txt", "drop this text", 4);
        await temp.Store.SaveDocumentsAsync([keep, drop], s_none);

        Assert.True(await temp.Store.DeleteDocumentAsync(drop.Info.Id, s_none));
        Assert.False(await temp.Store.DeleteDocumentAsync(drop.Info.Id, s_none));

        Assert.Null(await temp.Store.GetStoredDocumentAsync(drop.Info.Id, s_none));
        await using var db = await temp.Contexts.CreateDbContextAsync();
        var id = drop.Info.Id;
        Assert.Equal(0, await db.Chunks.CountAsync(c => c.DocumentId == id));
        Assert.Equal(0, await db.Pages.CountAsync(p => p.DocumentId == id));
        Assert.Equal(0, await db.Sections.CountAsync(s => s.DocumentId == id));
        Assert.Equal(0, await db.DocumentTexts.CountAsync(t => t.DocumentId == id));
        Assert.Equal(keep.Chunks.Count, await db.Chunks.CountAsync());
        Assert.Equal(keep.Chunks.Count, (await temp.Store.GetChunkCountsAsync("law", s_none)).Single().Value);
    }
}
