using System.Security.Claims;

namespace RagPlatform.Web.Security;

/// <summary>Roles and the policies that require them; each role includes the ones below it.</summary>
internal static class Roles
{
    public const string Reader = "reader";
    public const string Writer = "writer";
    public const string Admin = "admin";

    public const string CollectionClaim = "rag:collection";
    public const string AllCollections = "*";

    /// <summary>The three roles, lowest first.</summary>
    public static IReadOnlyList<string> All { get; } = [Reader, Writer, Admin];

    /// <summary>The roles granted by a configured role.</summary>
    public static IReadOnlyList<string> Expand(string role) => role.ToLowerInvariant() switch
    {
        Admin => [Admin, Writer, Reader],
        Writer => [Writer, Reader],
        Reader => [Reader],
        _ => [],
    };

    /// <summary>The roles that include <paramref name="role"/> (an account holds one role; a key's claims hold all it implies).</summary>
    public static string[] AtLeast(string role) => [.. All.SkipWhile(r => r != role)];

    /// <summary>Whether the caller holds the role or a higher one.</summary>
    public static bool Has(ClaimsPrincipal user, string role) => AtLeast(role).Any(user.IsInRole);
}
