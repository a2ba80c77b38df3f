namespace RagPlatform.Core.Indexing;

/// <summary>An input to index.</summary>
/// <param name="Source">The document's identity within its collection: the full path, or the upload name.</param>
/// <param name="Path">Where the bytes are on disk now.</param>
public sealed record SourceFile(string Source, string Path);
