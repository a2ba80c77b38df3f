namespace RagPlatform.Storage.Entities;

internal sealed class SectionRow
{
    public Guid DocumentId { get; set; }

    public int Ordinal { get; set; }

    public required string Title { get; set; }

    public string? Number { get; set; }

    public int Level { get; set; }

    public int CharStart { get; set; }

    public int CharEnd { get; set; }

    public required string Path { get; set; }
}
