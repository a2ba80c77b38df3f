namespace RagPlatform.Storage.Entities;

internal sealed class CollectionRow
{
    public required string Name { get; set; }

    public long CreatedAt { get; set; }
}
