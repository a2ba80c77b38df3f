namespace RagPlatform.Core.Evaluation.Qa;

/// <summary>A question of a question set that failed, and why.</summary>
/// <param name="Line">Its line in the question file.</param>
/// <param name="Question">The question.</param>
/// <param name="Reasons">Why: missing phrases, wrong document or page, junk sentences, abstained or did not abstain.</param>
public sealed record QaFailure(int Line, string Question, IReadOnlyList<string> Reasons);
