namespace RagPlatform.Core.Trees;

/// <summary>The outcome of walking a document's summary tree for one question.</summary>
/// <param name="DocumentId">The document walked.</param>
/// <param name="Steps">Visits, reverts and the answer, in order.</param>
/// <param name="Leaf">The leaf the answer comes from.</param>
/// <param name="Accepted">True when the leaf was judged to answer; false when the budget or the tree ran out and the best leaf read stands in.</param>
/// <param name="Relevance">The leaf's judged relevance (0..1: the IDF-weighted share of question terms its best sentence holds).</param>
/// <param name="Visited">Nodes read, the root included.</param>
/// <param name="Memory">The working memory at the end: the summaries read on the way, in order.</param>
/// <param name="Notes">What else happened (e.g. the chat navigator gave up after unparsable outputs).</param>
public sealed record TreeWalk(
    Guid DocumentId,
    IReadOnlyList<WalkStep> Steps,
    SummaryNode Leaf,
    bool Accepted,
    double Relevance,
    int Visited,
    IReadOnlyList<string> Memory,
    IReadOnlyList<string> Notes)
{
    /// <summary>The walk as human-readable trace lines.</summary>
    public IEnumerable<string> TraceLines()
    {
        foreach (var step in Steps)
        {
            yield return $"walk {step.Action} n{step.NodeId} (level {step.Level}, chars {step.CharStart}-{step.CharEnd}) {step.By} {step.Score:0.000}";
        }

        yield return $"walk: {Visited} nodes visited, answered from leaf n{Leaf.Id} ({(Accepted ? "judged to answer" : "best leaf read")}, relevance {Relevance:0.000})";
        foreach (var note in Notes)
        {
            yield return "walk: " + note;
        }
    }
}
