namespace RagPlatform.Storage.Entities;

internal sealed class ChunkRow
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
}
