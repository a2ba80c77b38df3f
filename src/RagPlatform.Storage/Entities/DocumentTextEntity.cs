namespace RagPlatform.Storage.Entities;

/// <summary>A document's normalized text, kept apart so that listing documents never loads it.</summary>
public sealed class DocumentTextEntity
{
    public Guid DocumentId { get; set; }

    public required string Text { get; set; }
}
