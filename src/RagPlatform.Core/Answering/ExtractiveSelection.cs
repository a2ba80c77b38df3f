namespace RagPlatform.Core.Answering;

/// <summary>What the extractive answerer chose: sentences in reading order, the best relevance seen, and why.</summary>
internal sealed record ExtractiveSelection(IReadOnlyList<ScoredSentence> Sentences, double BestRelevance, bool Abstained, IReadOnlyList<string> Trace);
