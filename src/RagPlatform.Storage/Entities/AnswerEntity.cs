using System.Text.Json;
using RagPlatform.Core.Answering;
using RagPlatform.Core.Answering.History;
using RagPlatform.Core.Retrieval;

namespace RagPlatform.Storage.Entities;

/// <summary>An answered question; scope, citations, sentences and evidence as JSON text.</summary>
public sealed class AnswerEntity
{
    public Guid Id { get; set; }

    public required string Collection { get; set; }

    public required string Question { get; set; }

    public required string Strategy { get; set; }

    /// <summary>JSON array of the document ids the question was scoped to.</summary>
    public string DocumentIds { get; set; } = "[]";

    public DateTimeOffset CreatedAt { get; set; }

    public required string Text { get; set; }

    public bool Supported { get; set; }

    public bool Abstained { get; set; }

    public required string Generator { get; set; }

    public string? Note { get; set; }

    public int CitationCount { get; set; }

    /// <summary>JSON array of Citation.</summary>
    public string Citations { get; set; } = "[]";

    /// <summary>JSON array of AnswerSentence.</summary>
    public string Sentences { get; set; } = "[]";

    /// <summary>JSON array of SearchHit.</summary>
    public string Evidence { get; set; } = "[]";

    public double TookMs { get; set; }

    public static AnswerEntity From(StoredAnswer answer) => new()
    {
        Id = answer.Id,
        Collection = answer.Collection,
        Question = answer.Question,
        Strategy = answer.Strategy,
        DocumentIds = JsonSerializer.Serialize(answer.DocumentIds, StorageJson.Default.IReadOnlyListGuid),
        CreatedAt = answer.CreatedAt,
        Text = answer.Answer,
        Supported = answer.Supported,
        Abstained = answer.Abstained,
        Generator = answer.Generator,
        Note = answer.Note,
        CitationCount = answer.Citations.Count,
        Citations = JsonSerializer.Serialize(answer.Citations, StorageJson.Default.IReadOnlyListCitation),
        Sentences = JsonSerializer.Serialize(answer.Sentences, StorageJson.Default.IReadOnlyListAnswerSentence),
        Evidence = JsonSerializer.Serialize(answer.Evidence, StorageJson.Default.IReadOnlyListSearchHit),
        TookMs = answer.TookMs,
    };

    public StoredAnswer ToStored() => new()
    {
        Id = Id,
        Collection = Collection,
        Question = Question,
        Strategy = Strategy,
        DocumentIds = JsonSerializer.Deserialize(DocumentIds, StorageJson.Default.IReadOnlyListGuid) ?? [],
        CreatedAt = CreatedAt,
        Answer = Text,
        Supported = Supported,
        Abstained = Abstained,
        Generator = Generator,
        Note = Note,
        Citations = JsonSerializer.Deserialize(Citations, StorageJson.Default.IReadOnlyListCitation) ?? [],
        Sentences = JsonSerializer.Deserialize(Sentences, StorageJson.Default.IReadOnlyListAnswerSentence) ?? [],
        Evidence = JsonSerializer.Deserialize(Evidence, StorageJson.Default.IReadOnlyListSearchHit) ?? [],
        TookMs = TookMs,
    };
}
