namespace RagPlatform.Core.Indexing;

/// <summary>A file inside a folder being indexed that is not indexed, and why (e.g. "unsupported type .exe").</summary>
/// <param name="Path">The file's full path.</param>
/// <param name="Reason">Why it is skipped.</param>
public sealed record SkippedFile(string Path, string Reason);
