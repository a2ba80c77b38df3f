namespace RagPlatform.Core.Trees;

/// <summary>One step of a tree walk, for the answer's trace and the UI.</summary>
/// <param name="Action">"visit" (read a node), "revert" (went back to the parent), "answer" (the leaf that answered) or "fallback" (the budget ran out; the best leaf read answers).</param>
/// <param name="NodeId">The node.</param>
/// <param name="Level">Its level (0 for leaves).</param>
/// <param name="CharStart">Start of its span.</param>
/// <param name="CharEnd">End of its span.</param>
/// <param name="Score">For visits, the child score that chose it (embedding similarity plus subtree BM25, 0..1); for leaves, then the relevance judged.</param>
/// <param name="By">What chose or judged: "score" or "chat".</param>
public sealed record WalkStep(string Action, int NodeId, int Level, int CharStart, int CharEnd, double Score, string By);
