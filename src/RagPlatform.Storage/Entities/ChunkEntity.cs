using RagPlatform.Core.Documents;

namespace RagPlatform.Storage.Entities;

/// <summary>A chunk row; the id is <see cref="Chunk.MakeId"/>'s "{documentId:N}-{ordinal}".</summary>
public sealed class ChunkEntity
{
    public required string Id { get; set; }

    public Guid DocumentId { get; set; }

    public int Ordinal { get; set; }

    public int CharStart { get; set; }

    public int CharEnd { get; set; }

    public int PageStart { get; set; }

    public int PageEnd { get; set; }

    public required string Section { get; set; }

    public required string Text { get; set; }

    public static ChunkEntity From(Chunk chunk) => new()
    {
        Id = chunk.Id,
        DocumentId = chunk.DocumentId,
        Ordinal = chunk.Ordinal,
        CharStart = chunk.CharStart,
        CharEnd = chunk.CharEnd,
        PageStart = chunk.PageStart,
        PageEnd = chunk.PageEnd,
        Section = chunk.Section,
        Text = chunk.Text,
    };

    public Chunk ToChunk() => new(Id, DocumentId, Ordinal, CharStart, CharEnd, PageStart, PageEnd, Section, Text);
}
