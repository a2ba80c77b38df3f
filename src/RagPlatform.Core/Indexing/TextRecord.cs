namespace RagPlatform.Core.Indexing;

/// <summary>A document that arrives as text rather than as a file (a BEIR corpus line, a JSONL record).</summary>
/// <param name="Source">Identity within the collection (for BEIR, the corpus id).</param>
/// <param name="Title">Title.</param>
/// <param name="Text">Body text; it becomes the normalized text as is, one page.</param>
public sealed record TextRecord(string Source, string Title, string Text);
