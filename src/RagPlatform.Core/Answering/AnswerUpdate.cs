namespace RagPlatform.Core.Answering;

/// <summary>
/// One item of a streamed answer: text deltas first, then exactly one final <see cref="Answer"/>. The final answer
/// is authoritative: its text may differ from the concatenated deltas (citation numbers are renumbered after
/// verification, and a failed chat stream is replaced by the extractive answer).
/// </summary>
/// <param name="Delta">A piece of answer text, or null on the final update.</param>
/// <param name="Answer">The complete answer on the final update, else null.</param>
public sealed record AnswerUpdate(string? Delta, Answer? Answer)
{
    /// <summary>Whether this is the final update.</summary>
    public bool IsFinal => Answer is not null;
}
