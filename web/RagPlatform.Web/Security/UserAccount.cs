namespace RagPlatform.Web.Security;

/// <summary>An account as the Users page lists it.</summary>
internal sealed record UserAccount(string Id, string Email, string Role, IReadOnlyList<string> Collections, bool LockedOut, bool HasPassword);
