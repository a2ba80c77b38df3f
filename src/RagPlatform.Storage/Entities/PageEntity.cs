using RagPlatform.Core.Documents;

namespace RagPlatform.Storage.Entities;

/// <summary>One page span of a document.</summary>
public sealed class PageEntity
{
    public Guid DocumentId { get; set; }

    public int Number { get; set; }

    public int CharStart { get; set; }

    public int CharEnd { get; set; }

    public static PageEntity From(Guid documentId, PageSpan page)
        => new() { DocumentId = documentId, Number = page.Number, CharStart = page.CharStart, CharEnd = page.CharEnd };

    public PageSpan ToPage() => new(Number, CharStart, CharEnd);
}
