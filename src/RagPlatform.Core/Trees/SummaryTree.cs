namespace RagPlatform.Core.Trees;

/// <summary>A document's summary tree: its nodes indexed by id, with parent and child links.</summary>
public sealed class SummaryTree
{
    private readonly List<int>[] _children;

    /// <summary>Wraps nodes whose ids are 0..n-1 (any order); exactly one has no parent.</summary>
    public SummaryTree(Guid documentId, IEnumerable<SummaryNode> nodes)
    {
        DocumentId = documentId;
        Nodes = [.. nodes.OrderBy(n => n.Id)];
        _children = [.. Nodes.Select(_ => new List<int>())];
        for (var i = 0; i < Nodes.Count; i++)
        {
            if (Nodes[i].Id != i)
            {
                throw new ArgumentException($"Tree node ids must be 0..{Nodes.Count - 1}; found {Nodes[i].Id} at {i}.", nameof(nodes));
            }

            if (Nodes[i].ParentId is { } parent)
            {
                _children[parent].Add(i);
            }
        }

        foreach (var list in _children)
        {
            list.Sort((a, b) => Nodes[a].CharStart.CompareTo(Nodes[b].CharStart));
        }

        Root = Nodes.Single(n => n.ParentId is null);
    }

    /// <summary>The document the tree summarizes.</summary>
    public Guid DocumentId { get; }

    /// <summary>All nodes, by id.</summary>
    public IReadOnlyList<SummaryNode> Nodes { get; }

    /// <summary>The root node.</summary>
    public SummaryNode Root { get; }

    /// <summary>Number of levels (1 when the root is the only leaf).</summary>
    public int Levels => Root.Level + 1;

    /// <summary>The node's children in document order.</summary>
    public IReadOnlyList<SummaryNode> ChildrenOf(SummaryNode node) => [.. _children[node.Id].Select(i => Nodes[i])];

    /// <summary>The leaves under the node (the node itself when it is a leaf), in document order.</summary>
    public IEnumerable<SummaryNode> LeavesUnder(SummaryNode node) =>
        node.IsLeaf ? [node] : _children[node.Id].SelectMany(i => LeavesUnder(Nodes[i]));
}
