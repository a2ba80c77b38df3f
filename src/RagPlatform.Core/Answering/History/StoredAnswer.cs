using RagPlatform.Core.Retrieval;

namespace RagPlatform.Core.Answering.History;

/// <summary>
/// An answered question as the history keeps it (GET /api/answers/{id}): the question, its scope and strategy, the
/// answer text with inline [n] markers and its citations, which stay readable after their documents are deleted.
/// </summary>
public sealed record StoredAnswer
{
    /// <summary>The id (the Answer's <c>id</c>).</summary>
    public required Guid Id { get; init; }

    /// <summary>The collection it was asked of.</summary>
    public required string Collection { get; init; }

    /// <summary>The question as asked.</summary>
    public required string Question { get; init; }

    /// <summary>The strategy that ran.</summary>
    public required string Strategy { get; init; }

    /// <summary>The documents the question was scoped to; empty for the whole collection.</summary>
    public required IReadOnlyList<Guid> DocumentIds { get; init; }

    /// <summary>When it was answered.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>The answer text with inline [n] markers.</summary>
    public required string Answer { get; init; }

    /// <summary>Whether every sentence holds a verified citation.</summary>
    public required bool Supported { get; init; }

    /// <summary>Whether the answer says the documents do not answer the question.</summary>
    public required bool Abstained { get; init; }

    /// <summary>"extractive" or "chat".</summary>
    public required string Generator { get; init; }

    /// <summary>The note shown with the answer, if any.</summary>
    public string? Note { get; init; }

    /// <summary>The citations, numbered as in <see cref="Answer"/>.</summary>
    public required IReadOnlyList<Citation> Citations { get; init; }

    /// <summary>Per-sentence support.</summary>
    public required IReadOnlyList<AnswerSentence> Sentences { get; init; }

    /// <summary>The passages the answer drew on.</summary>
    public required IReadOnlyList<SearchHit> Evidence { get; init; }

    /// <summary>Time the answer took, in milliseconds.</summary>
    public required double TookMs { get; init; }

    /// <summary>The record of an answer just given.</summary>
    public static StoredAnswer From(Guid id, string collection, IReadOnlyList<Guid> documentIds, DateTimeOffset createdAt, Answer answer) => new()
    {
        Id = id,
        Collection = collection,
        Question = answer.Question,
        Strategy = answer.Strategy,
        DocumentIds = documentIds,
        CreatedAt = createdAt,
        Answer = answer.Text,
        Supported = answer.Supported,
        Abstained = answer.Abstained,
        Generator = answer.Generator,
        Note = answer.Note,
        Citations = answer.Citations,
        Sentences = answer.Sentences,
        Evidence = answer.Evidence,
        TookMs = answer.TookMs,
    };

    /// <summary>The answer again, as the ask page shows it (without trace or tree walk, which are not kept).</summary>
    public Answer ToAnswer() => new()
    {
        Id = Id,
        Question = Question,
        Text = Answer,
        Supported = Supported,
        Citations = Citations,
        Evidence = Evidence,
        Strategy = Strategy,
        TookMs = TookMs,
        Sentences = Sentences,
        Abstained = Abstained,
        Generator = Generator,
        Note = Note,
    };
}
