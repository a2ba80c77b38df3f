namespace RagPlatform.Core.Storage;

/// <summary>A collection and its size.</summary>
/// <param name="Name">Collection name.</param>
/// <param name="Documents">Number of documents.</param>
/// <param name="CreatedAt">Creation time.</param>
public sealed record CollectionInfo(string Name, int Documents, DateTimeOffset CreatedAt);
