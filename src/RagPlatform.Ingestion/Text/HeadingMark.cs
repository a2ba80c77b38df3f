namespace RagPlatform.Ingestion.Text;

/// <summary>A heading found while composing: where it starts in the normalized text, its depth, number and title.</summary>
internal sealed record HeadingMark(int CharStart, int Level, string? Number, string Title);
