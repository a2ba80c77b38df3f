namespace RagPlatform.Web.Security;

/// <summary>An issued key as listed: never its secret.</summary>
internal sealed record UserKey(Guid Id, string Name, string Prefix, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt);
