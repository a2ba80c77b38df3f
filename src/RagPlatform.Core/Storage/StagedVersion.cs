namespace RagPlatform.Core.Storage;

/// <summary>A replacement of an indexed document that was in flight: its id and the content hash of the new version.</summary>
/// <param name="DocumentId">The document being replaced.</param>
/// <param name="ContentHash">The new version's content hash; the database holds it only once the replacement committed.</param>
public sealed record StagedVersion(Guid DocumentId, string ContentHash);
