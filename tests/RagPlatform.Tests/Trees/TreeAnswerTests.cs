using Microsoft.Extensions.DependencyInjection;
using RagPlatform.Core.Answering;
using RagPlatform.Core.Errors;
using RagPlatform.Core.Storage;
using RagPlatform.Tests.Answering;

namespace RagPlatform.Tests.Trees;

public sealed class TreeAnswerTests
{
    [Fact]
    public async Task Tree_strategy_answers_from_the_walked_leaf_with_verbatim_citations_and_a_walk_trace()
    {
        await using var stack = await TreeStack.CreateAsync();
        var answer = await stack.Services.GetRequiredService<Answerer>().AskAsync(
            new AskRequest("What factors are considered in determining whether a use is a fair use?", IndexedStack.Collection, Strategy: "tree"), CancellationToken.None);

        Assert.Equal(AnswerStrategy.Tree, answer.Strategy);
        Assert.NotNull(answer.Walk);
        Assert.StartsWith("walk visit n", answer.Trace![0], StringComparison.Ordinal);
        Assert.Contains(answer.Trace, t => t.StartsWith($"walk answer n{answer.Walk.Leaf.Id} ", StringComparison.Ordinal));
        Assert.False(answer.Abstained);
        Assert.NotEmpty(answer.Citations);
        Assert.All(answer.Evidence, e => Assert.InRange(e.CharStart, answer.Walk.Leaf.CharStart, answer.Walk.Leaf.CharEnd - 1));
        var text = (await stack.Services.GetRequiredService<IMetadataStore>().GetStoredDocumentAsync(answer.Walk.DocumentId, CancellationToken.None))!.Text;
        Assert.All(answer.Citations, c => Assert.Equal(text[c.CharStart..c.CharEnd], c.Quote));
    }

    [Fact]
    public async Task Read_leaf_evidence_adds_chunks_of_the_other_leaves_the_walk_read()
    {
        await using var stack = await TreeStack.CreateAsync(o =>
        {
            o.ReadLeafEvidence = true;
            o.LeafThreshold = 1.0;
            o.EvidenceChunks = 1;
        });
        var answer = await stack.Services.GetRequiredService<Answerer>().AskAsync(
            new AskRequest("What may the owner of copyright reproduce?", IndexedStack.Collection, Top: 5, Strategy: "tree"), CancellationToken.None);

        var leavesRead = answer.Walk!.Steps.Where(s => s.Action == "visit" && s.Level == 0).ToList();
        Assert.True(leavesRead.Count >= 2);
        Assert.InRange(answer.Evidence.Count, 2, 5);
        Assert.InRange(answer.Evidence[0].CharStart, answer.Walk.Leaf.CharStart, answer.Walk.Leaf.CharEnd - 1);
        Assert.All(answer.Evidence, e => Assert.Contains(leavesRead, l => e.CharStart >= l.CharStart && e.CharStart < l.CharEnd));
        Assert.Contains(answer.Evidence, e => e.CharStart < answer.Walk.Leaf.CharStart || e.CharStart >= answer.Walk.Leaf.CharEnd);
    }

    [Fact]
    public async Task Auto_walks_the_tree_for_a_whole_document_question_about_one_document()
    {
        await using var stack = await TreeStack.CreateAsync();
        var id = await TreeStack.SampleIdAsync(stack);
        var answer = await stack.Services.GetRequiredService<Answerer>().AskAsync(
            new AskRequest("Summarize the exclusive rights", IndexedStack.Collection, Strategy: "auto", DocumentId: id), CancellationToken.None);

        Assert.Equal(AnswerStrategy.Tree, answer.Strategy);
        Assert.NotNull(answer.Walk);
    }

    [Fact]
    public async Task Tree_strategy_without_a_tree_is_a_clear_bad_request()
    {
        await using var stack = await TreeStack.CreateAsync(o => o.Enabled = false);
        var error = await Assert.ThrowsAsync<InvalidRequestException>(() => stack.Services.GetRequiredService<Answerer>().AskAsync(
            new AskRequest("What is fair use?", IndexedStack.Collection, Strategy: "tree"), CancellationToken.None));
        Assert.Contains("no summary tree", error.Message, StringComparison.Ordinal);
    }
}
