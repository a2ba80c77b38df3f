using Microsoft.Extensions.DependencyInjection;
using RagPlatform.Core.Storage;
using RagPlatform.Core.Trees;

namespace RagPlatform.Tests.Trees;

public sealed class TreeBuildingTests
{
    [Fact]
    public async Task Sample_pdf_builds_a_deep_tree_whose_spans_nest_and_whose_summaries_quote_their_spans()
    {
        await using var stack = await TreeStack.CreateAsync();
        var pdf = Path.Combine(AppContext.BaseDirectory, "samples", "2020.acl-main.447.pdf");
        var id = await TreeStack.IndexFileAsync(stack, "papers", "paper.pdf", pdf);
        var store = stack.Services.GetRequiredService<IMetadataStore>();
        var tree = await store.GetTreeAsync(id, CancellationToken.None);
        var stored = await store.GetStoredDocumentAsync(id, CancellationToken.None);

        Assert.NotNull(tree);
        Assert.True(tree.Levels >= 3, $"only {tree.Levels} levels");
        AssertWellFormed(tree, stored!.Text, fanOut: 3);
        Assert.Equal(stored.Pages[^1].Number, tree.Root.PageEnd);
    }

    [Fact]
    public async Task Markdown_sample_tree_is_well_formed_and_leaves_cover_the_chunks()
    {
        await using var stack = await TreeStack.CreateAsync();
        var id = await TreeStack.SampleIdAsync(stack);
        var store = stack.Services.GetRequiredService<IMetadataStore>();
        var tree = (await store.GetTreeAsync(id, CancellationToken.None))!;
        var stored = (await store.GetStoredDocumentAsync(id, CancellationToken.None))!;
        var chunks = await store.GetChunksAsync(id, CancellationToken.None);

        AssertWellFormed(tree, stored.Text, fanOut: 3);
        Assert.Equal(chunks.Min(c => c.CharStart), tree.Root.CharStart);
        Assert.Equal(chunks.Max(c => c.CharEnd), tree.Root.CharEnd);
        // Every chunk starts in exactly one leaf: the walk's evidence is always a whole chunk.
        var leaves = tree.LeavesUnder(tree.Root).ToList();
        Assert.All(chunks, c => Assert.Single(leaves, l => c.CharStart >= l.CharStart && c.CharStart < l.CharEnd));
        Assert.All(tree.Nodes, n => Assert.NotEmpty(n.Vector));
    }

    internal static void AssertWellFormed(SummaryTree tree, string text, int fanOut)
    {
        Assert.Null(tree.Root.ParentId);
        foreach (var node in tree.Nodes)
        {
            Assert.True(node.CharStart < node.CharEnd, $"n{node.Id} is empty");
            Assert.True(node.PageStart <= node.PageEnd);
            if (node.ParentId is { } parentId)
            {
                var parent = tree.Nodes[parentId];
                Assert.Equal(node.Level + 1, parent.Level);
                Assert.True(parent.CharStart <= node.CharStart && node.CharEnd <= parent.CharEnd, $"n{node.Id} lies outside its parent n{parentId}");
                Assert.True(parent.PageStart <= node.PageStart && node.PageEnd <= parent.PageEnd);
            }

            if (!node.IsLeaf)
            {
                // Children tile the parent: no gap, no overlap, at most fan-out of them.
                var children = tree.ChildrenOf(node);
                Assert.InRange(children.Count, 1, fanOut);
                Assert.Equal(node.CharStart, children[0].CharStart);
                Assert.Equal(node.CharEnd, children[^1].CharEnd);
                for (var i = 1; i < children.Count; i++)
                {
                    Assert.Equal(children[i - 1].CharEnd, children[i].CharStart);
                }
            }

            // Extractive summaries are the text at their spans, inside the node, in order.
            Assert.NotEmpty(node.SummarySpans);
            Assert.Equal(string.Join(" ", node.SummarySpans.Select(s => text[s.Start..s.End])), node.Summary);
            Assert.All(node.SummarySpans, s => Assert.True(s.Start >= node.CharStart && s.End <= node.CharEnd));
            Assert.Equal(node.SummarySpans.OrderBy(s => s.Start), node.SummarySpans);
        }
    }
}
