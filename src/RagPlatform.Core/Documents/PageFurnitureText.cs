namespace RagPlatform.Core.Documents;

/// <summary>
/// Text of a page kept out of the body: a running header or footer, a page number, margin line numbers, a margin
/// stamp. Chunks, BM25 and answers never see it; it is kept as page metadata.
/// </summary>
/// <param name="Page">The 1-based page.</param>
/// <param name="Text">The furniture text as drawn (lines joined by spaces).</param>
public sealed record PageFurnitureText(int Page, string Text);
