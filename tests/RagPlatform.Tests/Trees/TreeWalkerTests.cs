using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RagPlatform.Core.Answering;
using RagPlatform.Core.Storage;
using RagPlatform.Core.Trees;
using RagPlatform.Tests.Answering;

namespace RagPlatform.Tests.Trees;

public sealed class TreeWalkerTests
{
    private const string FairUse = "What factors are considered in determining whether a use is a fair use?";

    [Fact]
    public async Task Walk_descends_from_the_root_to_a_leaf_that_answers()
    {
        await using var stack = await TreeStack.CreateAsync();
        var (tree, text) = await LoadAsync(stack);
        var walk = await stack.Services.GetRequiredService<TreeWalker>().WalkAsync(tree, text, FairUse, CancellationToken.None);

        Assert.True(walk.Accepted);
        Assert.True(walk.Leaf.IsLeaf);
        Assert.Contains("factors to be considered", text[walk.Leaf.CharStart..walk.Leaf.CharEnd], StringComparison.Ordinal);
        Assert.Equal(("visit", tree.Root.Id), (walk.Steps[0].Action, walk.Steps[0].NodeId));
        Assert.Equal(("answer", walk.Leaf.Id), (walk.Steps[^1].Action, walk.Steps[^1].NodeId));
        Assert.Equal(walk.Visited, walk.Steps.Count(s => s.Action == "visit"));
        Assert.Equal(walk.Visited, walk.Memory.Count);
        // Each visit below the root goes to a child of a node visited before it.
        var visited = new HashSet<int>();
        foreach (var step in walk.Steps.Where(s => s.Action == "visit"))
        {
            Assert.True(tree.Nodes[step.NodeId].ParentId is null || visited.Contains(tree.Nodes[step.NodeId].ParentId!.Value));
            visited.Add(step.NodeId);
        }
    }

    [Fact]
    public async Task Walk_reverts_from_leaves_that_do_not_answer_and_stops_at_the_budget()
    {
        await using var stack = await TreeStack.CreateAsync(o =>
        {
            o.LeafThreshold = 1.0;
            o.WalkBudget = 6;
        });
        var (tree, text) = await LoadAsync(stack);
        var walk = await stack.Services.GetRequiredService<TreeWalker>().WalkAsync(tree, text, "Which monkey wrote the sonnet?", CancellationToken.None);

        Assert.False(walk.Accepted);
        Assert.Equal(6, walk.Visited);
        Assert.Contains(walk.Steps, s => s.Action == "revert" && s.Level == 0);
        Assert.Equal("fallback", walk.Steps[^1].Action);
        Assert.True(walk.Leaf.IsLeaf);
        // After a leaf reverts, the next visit is a sibling or a node higher up, never the same leaf again.
        var leafVisits = walk.Steps.Where(s => s.Action == "visit" && s.Level == 0).Select(s => s.NodeId).ToList();
        Assert.Equal(leafVisits.Count, leafVisits.Distinct().Count());
    }

    [Fact]
    public async Task Chat_triage_and_leaf_prompts_steer_the_walk()
    {
        await using var stack = await TreeStack.CreateAsync();
        var (tree, text) = await LoadAsync(stack);
        var chat = new ScriptedChatClient(received => [Last(received).Contains("Summary 2:", StringComparison.Ordinal) ? "The second part.\nAction: 2" : "Action: answer"]);
        var walk = await ChatWalker(chat).WalkAsync(tree, text, FairUse, CancellationToken.None);

        var second = tree.ChildrenOf(tree.Root)[1];
        Assert.Equal((second.Id, "chat"), (walk.Steps[1].NodeId, walk.Steps[1].By));
        Assert.Equal(("answer", "chat"), (walk.Steps[^1].Action, walk.Steps[^1].By));
        Assert.True(walk.Accepted);
        Assert.Contains(second.Id, AncestorsOf(tree, walk.Leaf));
        Assert.Contains("Working memory", Last(chat.Received), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chat_navigator_gives_up_after_three_unparsable_replies()
    {
        await using var stack = await TreeStack.CreateAsync();
        var (tree, text) = await LoadAsync(stack);
        var chat = new ScriptedChatClient(_ => ["I would rather not say."]);
        var walk = await ChatWalker(chat).WalkAsync(tree, text, FairUse, CancellationToken.None);

        Assert.Equal(3, chat.Received.Count);
        Assert.Contains(walk.Notes, n => n.Contains("3 unparsable", StringComparison.Ordinal));
        Assert.All(walk.Steps.Skip(1), s => Assert.Equal("score", s.By));
        Assert.True(walk.Accepted);
    }

    [Theory]
    [InlineData("I think part three.\nAction: 3", 5, 2)]
    [InlineData("Action: **2**", 5, 1)]
    [InlineData("Action: back", 5, -1)]
    [InlineData("Action: 9", 5, null)]
    [InlineData("no idea", 5, null)]
    public void Triage_replies_parse(string reply, int children, int? expected) =>
        Assert.Equal(expected, TreePrompts.ParseTriage(reply, children));

    [Theory]
    [InlineData("It does.\nAction: answer", true)]
    [InlineData("Action: Back", false)]
    [InlineData("maybe", null)]
    public void Leaf_replies_parse(string reply, bool? expected) => Assert.Equal(expected, TreePrompts.ParseLeaf(reply));

    private static async Task<(SummaryTree Tree, string Text)> LoadAsync(IndexedStack stack)
    {
        var store = stack.Services.GetRequiredService<IMetadataStore>();
        var id = await TreeStack.SampleIdAsync(stack);
        var tree = (await store.GetTreeAsync(id, CancellationToken.None))!;
        Assert.True(tree.Levels >= 3);
        return (tree, (await store.GetStoredDocumentAsync(id, CancellationToken.None))!.Text);
    }

    private static TreeWalker ChatWalker(IChatClient chat) => new(Options.Create(new TreeOptions()), new TextVectorizer(null), chat);

    private static string Last(IReadOnlyList<ChatMessage> received) => received[^1].Text;

    private static IEnumerable<int> AncestorsOf(SummaryTree tree, SummaryNode node)
    {
        for (var parent = node.ParentId; parent is not null; parent = tree.Nodes[parent.Value].ParentId)
        {
            yield return parent.Value;
        }
    }
}
