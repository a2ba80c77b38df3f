using System.Text.Json.Serialization;
using RagPlatform.Core.Documents;

namespace RagPlatform.Core.Trees;

/// <summary>
/// One node of a document's summary tree (MemWalker). Leaves (level 0) are structure-following segments of about
/// <see cref="TreeOptions.LeafTokens"/> tokens; a node of level k summarizes its children of level k - 1. Invariant: a
/// node's char span lies within its parent's, and the children of a node tile its span in order.
/// </summary>
/// <param name="Id">Position of the node in its tree, from 0 (leaves first, the root last).</param>
/// <param name="ParentId">The parent's id, or null for the root.</param>
/// <param name="Level">0 for leaves; the root has the highest level.</param>
/// <param name="CharStart">Start of the covered text.</param>
/// <param name="CharEnd">End of the covered text (exclusive).</param>
/// <param name="PageStart">First page covered.</param>
/// <param name="PageEnd">Last page covered.</param>
/// <param name="Summary">The summary: the chosen sentences joined by a space (extractive) or a chat model's text.</param>
/// <param name="SummarySpans">Source span of every summary sentence, in order; empty for an abstractive summary.</param>
/// <param name="Vector">L2-normalized embedding of the node's content (mean of its sentences).</param>
public sealed record SummaryNode(
    int Id,
    int? ParentId,
    int Level,
    int CharStart,
    int CharEnd,
    int PageStart,
    int PageEnd,
    string Summary,
    IReadOnlyList<CharSpan> SummarySpans,
    [property: JsonIgnore] float[] Vector)
{
    /// <summary>The node's span.</summary>
    [JsonIgnore]
    public CharSpan Span => new(CharStart, CharEnd);

    /// <summary>Whether the node is a leaf.</summary>
    public bool IsLeaf => Level == 0;
}
