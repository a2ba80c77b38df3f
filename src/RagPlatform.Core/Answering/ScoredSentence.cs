namespace RagPlatform.Core.Answering;

/// <summary>An evidence sentence with its relevance to the question (0..1).</summary>
internal sealed record ScoredSentence(EvidenceSentence Sentence, double Relevance);
