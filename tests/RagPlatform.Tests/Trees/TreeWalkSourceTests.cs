using Microsoft.Extensions.DependencyInjection;
using RagPlatform.Core.Storage;

namespace RagPlatform.Tests.Trees;

/// <summary>A walk reads its document's record, text, tree and chunks in one store call, the same data as the four reads.</summary>
public sealed class TreeWalkSourceTests
{
    [Fact]
    public async Task One_read_returns_what_the_four_separate_reads_return()
    {
        await using var stack = await TreeStack.CreateAsync();
        var store = stack.Services.GetRequiredService<IMetadataStore>();
        var id = await TreeStack.SampleIdAsync(stack);

        var source = await store.GetTreeWalkSourceAsync(id, CancellationToken.None);

        Assert.NotNull(source);
        var info = (await store.GetDocumentAsync(id, CancellationToken.None))!;
        Assert.Equal((info.Id, info.Collection, info.State, info.ContentHash), (source.Info.Id, source.Info.Collection, source.Info.State, source.Info.ContentHash));
        Assert.Equal((await store.GetStoredDocumentAsync(id, CancellationToken.None))!.Text, source.Text);
        var tree = (await store.GetTreeAsync(id, CancellationToken.None))!;
        Assert.Equal(tree.Nodes.Select(n => (n.Id, n.ParentId, n.CharStart, n.CharEnd)), source.Tree!.Nodes.Select(n => (n.Id, n.ParentId, n.CharStart, n.CharEnd)));
        Assert.Equal((await store.GetChunksAsync(id, CancellationToken.None)).Select(c => c.Text), source.Chunks.Select(c => c.Text));
        Assert.True(await store.HasTreeAsync(id, CancellationToken.None));

        var unknown = Guid.NewGuid();
        Assert.False(await store.HasTreeAsync(unknown, CancellationToken.None));
        Assert.Null(await store.GetTreeWalkSourceAsync(unknown, CancellationToken.None));
    }
}
