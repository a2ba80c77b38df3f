namespace RagPlatform.Web.Security;

/// <summary>A key just issued, with the secret shown this once.</summary>
internal sealed record IssuedKey(UserKey Key, string Secret);
