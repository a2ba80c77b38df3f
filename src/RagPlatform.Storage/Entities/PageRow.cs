namespace RagPlatform.Storage.Entities;

internal sealed class PageRow
{
    public Guid DocumentId { get; set; }

    public int Number { get; set; }

    public int CharStart { get; set; }

    public int CharEnd { get; set; }
}
