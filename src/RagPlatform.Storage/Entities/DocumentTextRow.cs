namespace RagPlatform.Storage.Entities;

/// <summary>The normalized text, apart from the document row so listings never load it.</summary>
internal sealed class DocumentTextRow
{
    public Guid DocumentId { get; set; }

    public required string Text { get; set; }
}
