using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using RagPlatform.Core.Storage;
using RagPlatform.Core.Trees;
using RagPlatform.Tests.Answering;

namespace RagPlatform.Tests.Trees;

public sealed class AbstractiveSummaryTests
{
    [Fact]
    public async Task Chat_summarizer_writes_internal_summaries_and_leaves_stay_extractive()
    {
        var chat = new ScriptedChatClient(_ => ["The parts grant exclusive rights ", "and limit them by fair use."]);
        await using var stack = await TreeStack.CreateAsync(o => o.Summarizer = TreeOptions.ChatSummarizer, s => s.AddSingleton<IChatClient>(chat));
        var tree = await LoadAsync(stack);

        Assert.All(tree.Nodes.Where(n => !n.IsLeaf), n =>
        {
            Assert.Equal("The parts grant exclusive rights and limit them by fair use.", n.Summary);
            Assert.Empty(n.SummarySpans);
        });
        Assert.All(tree.Nodes.Where(n => n.IsLeaf), n => Assert.NotEmpty(n.SummarySpans));
        Assert.Contains("Part 1:", chat.Received[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failing_chat_summarizer_leaves_extractive_summaries()
    {
        var chat = new ScriptedChatClient(_ => []) { FailAfterScript = new HttpRequestException("connection refused") };
        await using var stack = await TreeStack.CreateAsync(o => o.Summarizer = TreeOptions.ChatSummarizer, s => s.AddSingleton<IChatClient>(chat));
        var tree = await LoadAsync(stack);

        Assert.NotEmpty(chat.Received);
        Assert.All(tree.Nodes, n => Assert.NotEmpty(n.SummarySpans));
    }

    private static async Task<SummaryTree> LoadAsync(IndexedStack stack)
    {
        var id = await TreeStack.SampleIdAsync(stack);
        var tree = (await stack.Services.GetRequiredService<IMetadataStore>().GetTreeAsync(id, CancellationToken.None))!;
        Assert.True(tree.Levels >= 3);
        return tree;
    }
}
