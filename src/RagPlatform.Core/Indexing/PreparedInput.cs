namespace RagPlatform.Core.Indexing;

/// <summary>
/// One input after reading, hashing, decoding and chunking: a document to write (with the file to keep, if any), or
/// only its outcome when there is nothing to write (unchanged, or failed before the writer).
/// </summary>
internal sealed record PreparedInput(ParsedDocument? Document, string? FilePath, Outcome Outcome);
