using Microsoft.Extensions.AI;
using RagPlatform.Core.Text;

namespace RagPlatform.Core.Trees;

/// <summary>One walk in progress: the lexical view of the document, the steps, the memory and the budget.</summary>
internal sealed class WalkState
{
    private const int MaxUnparsable = 3;
    private const int MemoryItemChars = 400;

    private const int MaxPassageChars = 8000;

    private readonly SummaryTree _tree;
    private readonly string _text;
    private readonly string _question;
    private readonly float[] _questionVector;
    private readonly TreeOptions _options;
    private readonly IChatClient? _chat;
    private readonly string[] _questionTerms;
    private readonly Dictionary<int, List<string>> _leafTerms;
    private readonly Dictionary<int, List<List<string>>> _leafSentences;
    private readonly LexicalScorer _sentenceScorer;
    private readonly List<WalkStep> _steps = [];
    private readonly List<string> _memory = [];
    private readonly List<string> _notes = [];
    private int _visited;
    private int _unparsable;
    private SummaryNode? _answer;
    private (SummaryNode Leaf, double Relevance)? _bestRead;

    public WalkState(SummaryTree tree, string text, string question, float[] questionVector, TreeOptions options, IChatClient? chat)
    {
        _tree = tree;
        _text = text;
        _question = question;
        _questionVector = questionVector;
        _options = options;
        _chat = chat;
        _questionTerms = [.. Terms.Tokenize(question).Distinct(StringComparer.Ordinal)];
        var leaves = LeafTerms.Of(tree, text);
        _leafTerms = leaves.Bags;
        _leafSentences = leaves.Sentences;
        _sentenceScorer = leaves.SentenceScorer;
    }

    private bool ChatActive => _chat is not null && _unparsable < MaxUnparsable;

    private bool BudgetLeft => _visited < _options.WalkBudget;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        Visit(_tree.Root, 1, "root");
        await DescendAsync(_tree.Root, cancellationToken);
    }

    public TreeWalk Result()
    {
        if (_answer is not null)
        {
            return Build(_answer, true, Judge(_answer));
        }

        var (leaf, relevance) = _bestRead ?? GreedyLeaf();
        _steps.Add(Step("fallback", leaf, relevance, "score"));
        return Build(leaf, false, relevance);
    }

    private TreeWalk Build(SummaryNode leaf, bool accepted, double relevance) =>
        new(_tree.DocumentId, _steps, leaf, accepted, relevance, _visited, _memory, _notes);

    private async Task<bool> DescendAsync(SummaryNode node, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (node.IsLeaf)
        {
            return await JudgeLeafAsync(node, cancellationToken);
        }

        var ranked = await RankChildrenAsync(node, cancellationToken);
        var tried = 0;
        foreach (var (child, score, by) in ranked)
        {
            if (tried == _options.Beam || !BudgetLeft)
            {
                break;
            }

            tried++;
            Visit(child, score, by);
            if (await DescendAsync(child, cancellationToken))
            {
                return true;
            }
        }

        if (node.ParentId is not null)
        {
            _steps.Add(Step("revert", node, 0, "score"));
        }

        return false;
    }

    private async Task<bool> JudgeLeafAsync(SummaryNode leaf, CancellationToken cancellationToken)
    {
        var relevance = Judge(leaf);
        if (_bestRead is null || relevance > _bestRead.Value.Relevance)
        {
            _bestRead = (leaf, relevance);
        }

        var by = "score";
        var answers = relevance >= _options.LeafThreshold;
        if (ChatActive)
        {
            var reply = await _chat!.GetResponseAsync(TreePrompts.Leaf(_question, _memory, Passage(leaf)), new ChatOptions { Temperature = 0 }, cancellationToken);
            var verdict = TreePrompts.ParseLeaf(reply.Text);
            if (verdict is null)
            {
                CountUnparsable();
            }
            else
            {
                answers = verdict.Value;
                by = "chat";
            }
        }

        if (answers)
        {
            _answer = leaf;
            _steps.Add(Step("answer", leaf, relevance, by));
            return true;
        }

        _steps.Add(Step("revert", leaf, relevance, by));
        return false;
    }

    private async Task<List<(SummaryNode Child, double Score, string By)>> RankChildrenAsync(SummaryNode node, CancellationToken cancellationToken)
    {
        var children = _tree.ChildrenOf(node);
        var bags = children.Select(c => (IReadOnlyList<string>)[.. _tree.LeavesUnder(c).SelectMany(l => _leafTerms[l.Id])]).ToList();
        var scorer = new LexicalScorer(bags);
        var scored = children
            .Select((c, i) => (Child: c, Score: (_options.DenseWeight * Math.Max(0, TextVectorizer.Cosine(_questionVector, c.Vector)))
                + ((1 - _options.DenseWeight) * scorer.Score(_questionTerms, bags[i])), By: "score"))
            .OrderByDescending(s => s.Score).ThenBy(s => s.Child.CharStart)
            .ToList();
        if (!ChatActive)
        {
            return scored;
        }

        var reply = await _chat!.GetResponseAsync(
            TreePrompts.Triage(_question, _memory, [.. children.Select(c => c.Summary)]), new ChatOptions { Temperature = 0 }, cancellationToken);
        var choice = TreePrompts.ParseTriage(reply.Text, children.Count);
        if (choice is null)
        {
            CountUnparsable();
            return scored;
        }

        if (choice == -1)
        {
            return [];
        }

        var picked = scored.Single(s => s.Child.Id == children[choice.Value].Id);
        scored.Remove(picked);
        scored.Insert(0, picked with { By = "chat" });
        return scored;
    }

    private void CountUnparsable()
    {
        _unparsable++;
        if (_unparsable == MaxUnparsable)
        {
            _notes.Add($"the chat navigator gave {MaxUnparsable} unparsable replies; the scores decide from here");
        }
    }

    private string Passage(SummaryNode leaf) =>
        _text[leaf.CharStart..Math.Min(leaf.CharEnd, leaf.CharStart + MaxPassageChars)];

    private double Judge(SummaryNode leaf) =>
        _leafSentences[leaf.Id].Select(s => _sentenceScorer.Score(_questionTerms, s)).DefaultIfEmpty(0).Max();

    private void Visit(SummaryNode node, double score, string by)
    {
        _visited++;
        _steps.Add(Step("visit", node, score, by));
        var summary = node.Summary.Length <= MemoryItemChars ? node.Summary : node.Summary[..MemoryItemChars] + "...";
        _memory.Add(summary);
    }

    private (SummaryNode, double) GreedyLeaf()
    {
        var node = _tree.Root;
        while (!node.IsLeaf)
        {
            node = _tree.ChildrenOf(node).MaxBy(c => TextVectorizer.Cosine(_questionVector, c.Vector))!;
        }

        return (node, Judge(node));
    }

    private static WalkStep Step(string action, SummaryNode node, double score, string by) =>
        new(action, node.Id, node.Level, node.CharStart, node.CharEnd, Math.Round(score, 4), by);
}
