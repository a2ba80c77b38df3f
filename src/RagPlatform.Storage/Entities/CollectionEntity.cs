using RagPlatform.Core.Storage;

namespace RagPlatform.Storage.Entities;

/// <summary>A collection row; its name is the key documents refer to.</summary>
public sealed class CollectionEntity
{
    public required string Name { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public CollectionInfo ToInfo(int documents) => new(Name, documents, CreatedAt);
}
