namespace RagPlatform.Core.Trees;

/// <summary>A summary tree as CONTRACT.md shows it (<c>GET /api/documents/{id}/tree</c>, <c>ragp docs tree ID</c>).</summary>
/// <param name="DocumentId">The document.</param>
/// <param name="Levels">Number of levels (leaves are level 0, the root level <c>Levels - 1</c>).</param>
/// <param name="Nodes">Every node, root first, then each level down, in document order.</param>
public sealed record DocumentTreeView(Guid DocumentId, int Levels, IReadOnlyList<DocumentTreeView.Node> Nodes)
{
    /// <summary>The view of a stored tree.</summary>
    public static DocumentTreeView From(SummaryTree tree) => new(
        tree.DocumentId,
        tree.Levels,
        [.. tree.Nodes.OrderByDescending(n => n.Level).ThenBy(n => n.CharStart).Select(n => new Node(
            n.Id, n.Level, n.ParentId, n.CharStart, n.CharEnd, n.PageStart, n.PageEnd, n.Summary,
            [.. n.SummarySpans.Select(s => new[] { s.Start, s.End })]))]);

    /// <summary>One node: its span, pages and summary, with the source span of each summary sentence.</summary>
    public sealed record Node(
        int Id, int Level, int? ParentId, int CharStart, int CharEnd, int PageStart, int PageEnd, string Summary, IReadOnlyList<int[]> SummarySpans);
}
