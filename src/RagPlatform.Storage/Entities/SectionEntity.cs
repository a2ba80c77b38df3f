using RagPlatform.Core.Documents;

namespace RagPlatform.Storage.Entities;

/// <summary>One node of a document's section tree, in document order (<see cref="Ordinal"/>).</summary>
public sealed class SectionEntity
{
    public Guid DocumentId { get; set; }

    public int Ordinal { get; set; }

    public required string Title { get; set; }

    public string? Number { get; set; }

    public int Level { get; set; }

    public int CharStart { get; set; }

    public int CharEnd { get; set; }

    public required string Path { get; set; }

    public static SectionEntity From(Guid documentId, int ordinal, Section section) => new()
    {
        DocumentId = documentId,
        Ordinal = ordinal,
        Title = section.Title,
        Number = section.Number,
        Level = section.Level,
        CharStart = section.CharStart,
        CharEnd = section.CharEnd,
        Path = section.Path,
    };

    public Section ToSection() => new(Title, Number, Level, CharStart, CharEnd, Path);
}
