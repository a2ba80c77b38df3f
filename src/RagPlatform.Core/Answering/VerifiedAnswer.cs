namespace RagPlatform.Core.Answering;

/// <summary>
/// A chat answer after its citations were checked: the rewritten text, kept citations, per-sentence support, and the
/// markers seen, dropped, and pointing at passages that do not exist (a subset of the dropped ones).
/// </summary>
internal sealed record VerifiedAnswer(string Text, IReadOnlyList<Citation> Citations, IReadOnlyList<AnswerSentence> Sentences, bool Abstained, int MarkersSeen, int MarkersDropped, int MarkersMissing);
