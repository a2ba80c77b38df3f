using System.Text.Json.Serialization;
using RagPlatform.Core.Retrieval;
using RagPlatform.Core.Trees;

namespace RagPlatform.Core.Answering;

/// <summary>
/// A grounded answer (CONTRACT.md Answer). <see cref="Text"/> (JSON "answer") marks citations inline as [n]; every
/// citation's quote is the document text at its span. Sentences without support carry no citation and are listed
/// in <see cref="Sentences"/> with <c>Supported = false</c>.
/// </summary>
public sealed record Answer
{
    /// <summary>The id under which the answer history keeps it (GET /api/answers/{id}); null when it was not stored.</summary>
    public Guid? Id { get; init; }

    /// <summary>The question as asked.</summary>
    public required string Question { get; init; }

    /// <summary>The answer text with inline [n] markers.</summary>
    [JsonPropertyName("answer")]
    public required string Text { get; init; }

    /// <summary>True when the answer did not abstain and every sentence holds at least one verified citation.</summary>
    public required bool Supported { get; init; }

    /// <summary>Citations, numbered 1..k in order of first mention.</summary>
    public required IReadOnlyList<Citation> Citations { get; init; }

    /// <summary>The passages the answer was drawn from, best first.</summary>
    public required IReadOnlyList<SearchHit> Evidence { get; init; }

    /// <summary>The strategy that ran (passages, map-reduce, ...).</summary>
    public required string Strategy { get; init; }

    /// <summary>Steps taken, for people debugging an answer (generator, fallbacks, selection); null when empty.</summary>
    public IReadOnlyList<string>? Trace { get; init; }

    /// <summary>The summary-tree walk (tree strategy, or auto when it added tree evidence); null otherwise.</summary>
    public TreeWalk? Walk { get; init; }

    /// <summary>Time spent, in milliseconds.</summary>
    public required double TookMs { get; init; }

    /// <summary>Per-sentence support: which sentences hold which citations, and which hold none.</summary>
    public required IReadOnlyList<AnswerSentence> Sentences { get; init; }

    /// <summary>True when the answer says the documents do not answer the question.</summary>
    public required bool Abstained { get; init; }

    /// <summary>The generator that produced the text: "extractive" or "chat".</summary>
    public required string Generator { get; init; }

    /// <summary>A note for the user, e.g. that the chat model failed and the extractive answer is shown instead.</summary>
    public string? Note { get; init; }

    /// <summary>
    /// The best evidence sentence's relevance to the question (0..1) as the extractive answerer scored it; it abstains
    /// below Answer:AbstainThreshold (Answer:AbstainThresholdWithEmbedder when an embedder is blended in). Null when no
    /// extractive selection ran.
    /// </summary>
    public double? Relevance { get; init; }
}
