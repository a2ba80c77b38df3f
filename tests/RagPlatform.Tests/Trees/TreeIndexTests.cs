using Microsoft.Extensions.DependencyInjection;
using RagPlatform.Core.Indexing;
using RagPlatform.Core.Storage;
using RagPlatform.Tests.Answering;

namespace RagPlatform.Tests.Trees;

public sealed class TreeIndexTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ragp-trees-").FullName;

    [Fact]
    public async Task Reindexing_a_changed_document_rebuilds_its_tree_and_leaves_the_others_alone()
    {
        await using var stack = await TreeStack.CreateAsync();
        var store = stack.Services.GetRequiredService<IMetadataStore>();
        var sampleId = await TreeStack.SampleIdAsync(stack);
        var before = await store.GetTreeAsync(sampleId, CancellationToken.None);

        var notes = Path.Combine(_folder, "notes.txt");
        await File.WriteAllTextAsync(notes, Paragraphs("The lighthouse keeper logs every passing ship in a ledger.", 12));
        var notesId = await TreeStack.IndexFileAsync(stack, IndexedStack.Collection, "notes.txt", notes);
        var first = (await store.GetTreeAsync(notesId, CancellationToken.None))!;
        Assert.Contains("lighthouse", first.Root.Summary, StringComparison.Ordinal);

        await File.WriteAllTextAsync(notes, Paragraphs("The orchard grower prunes each apple tree before the spring rains.", 20));
        Assert.Equal(notesId, await TreeStack.IndexFileAsync(stack, IndexedStack.Collection, "notes.txt", notes));
        var second = (await store.GetTreeAsync(notesId, CancellationToken.None))!;
        Assert.Contains("orchard", second.Root.Summary, StringComparison.Ordinal);
        Assert.DoesNotContain(second.Nodes, n => n.Summary.Contains("lighthouse", StringComparison.Ordinal));
        Assert.True(second.Root.CharEnd > first.Root.CharEnd);

        var after = (await store.GetTreeAsync(sampleId, CancellationToken.None))!;
        Assert.Equal(before!.Nodes.Select(n => (n.Id, n.CharStart, n.CharEnd, n.Summary)), after.Nodes.Select(n => (n.Id, n.CharStart, n.CharEnd, n.Summary)));
    }

    [Fact]
    public async Task Deleting_a_document_removes_its_tree_and_trees_stay_in_their_collection()
    {
        await using var stack = await TreeStack.CreateAsync();
        var store = stack.Services.GetRequiredService<IMetadataStore>();
        var sampleId = await TreeStack.SampleIdAsync(stack);
        var other = Path.Combine(_folder, "other.txt");
        await File.WriteAllTextAsync(other, Paragraphs("A separate collection holds this memo about parking permits.", 6));
        var otherId = await TreeStack.IndexFileAsync(stack, "memos", "other.txt", other);

        Assert.Equal([sampleId], (await store.GetTreeNodeCountsAsync(IndexedStack.Collection, CancellationToken.None)).Keys);
        Assert.Equal([otherId], (await store.GetTreeNodeCountsAsync("memos", CancellationToken.None)).Keys);

        Assert.True(await stack.Services.GetRequiredService<IngestionPipeline>().DeleteDocumentAsync(otherId, CancellationToken.None));
        Assert.Null(await store.GetTreeAsync(otherId, CancellationToken.None));
        Assert.Empty(await store.GetTreeNodeCountsAsync("memos", CancellationToken.None));
        Assert.NotNull(await store.GetTreeAsync(sampleId, CancellationToken.None));
    }

    [Fact]
    public async Task Recovery_rebuilds_a_missing_tree()
    {
        await using var stack = await TreeStack.CreateAsync();
        var store = stack.Services.GetRequiredService<IMetadataStore>();
        var sampleId = await TreeStack.SampleIdAsync(stack);
        var nodes = (await store.GetTreeAsync(sampleId, CancellationToken.None))!.Nodes.Count;
        Assert.Equal(0, await stack.Services.GetRequiredService<IngestionPipeline>().RecoverAsync(CancellationToken.None));

        await store.DeleteTreesAsync([sampleId], CancellationToken.None);
        Assert.Equal(1, await stack.Services.GetRequiredService<IngestionPipeline>().RecoverAsync(CancellationToken.None));
        Assert.Equal(nodes, (await store.GetTreeAsync(sampleId, CancellationToken.None))!.Nodes.Count);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static string Paragraphs(string sentence, int count) =>
        string.Join("\n\n", Enumerable.Range(1, count).Select(i => $"Paragraph {i}. {sentence} It was recorded on day {i} of the season, and nothing else happened."));
}
