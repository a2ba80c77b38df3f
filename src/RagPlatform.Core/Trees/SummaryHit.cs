namespace RagPlatform.Core.Trees;

/// <summary>A summary-tree node found by <see cref="SummarySearcher"/>, apart from chunk hits.</summary>
/// <param name="DocumentId">The node's document.</param>
/// <param name="Node">The node (its span, pages and summary).</param>
/// <param name="Score">Blend of BM25 over the summaries (normalized 0..1) and embedding similarity.</param>
/// <param name="Bm25">The normalized BM25 part.</param>
/// <param name="Dense">The cosine similarity part.</param>
public sealed record SummaryHit(Guid DocumentId, SummaryNode Node, double Score, double Bm25, double Dense);
