namespace RagPlatform.Core.Answering;

/// <summary>A chat answer after its citations were checked: the rewritten text, kept citations, per-sentence support.</summary>
internal sealed record VerifiedAnswer(string Text, IReadOnlyList<Citation> Citations, IReadOnlyList<AnswerSentence> Sentences, bool Abstained, int MarkersSeen, int MarkersDropped);
