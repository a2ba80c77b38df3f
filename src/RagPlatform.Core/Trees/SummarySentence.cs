using RagPlatform.Core.Documents;

namespace RagPlatform.Core.Trees;

/// <summary>A sentence of the document with its span and vector, a candidate for summaries.</summary>
internal sealed record SummarySentence(CharSpan Span, string Text, float[] Vector, int Words);
