namespace RagPlatform.Core.Answering;

/// <summary>One sentence of an answer and whether the evidence supports it.</summary>
/// <param name="Text">The sentence without its [n] markers.</param>
/// <param name="Supported">Whether at least one citation of the sentence was verified against its passage.</param>
/// <param name="Citations">The numbers of the sentence's verified citations.</param>
/// <param name="Reason">Why an unsupported sentence is unsupported (e.g. its only source addresses the assistant); null when supported.</param>
public sealed record AnswerSentence(string Text, bool Supported, IReadOnlyList<int> Citations, string? Reason = null);
