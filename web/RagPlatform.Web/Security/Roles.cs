namespace RagPlatform.Web.Security;

/// <summary>Roles and the policies that require them; each role includes the ones below it.</summary>
internal static class Roles
{
    public const string Reader = "reader";
    public const string Writer = "writer";
    public const string Admin = "admin";

    public const string CollectionClaim = "rag:collection";
    public const string AllCollections = "*";

    /// <summary>The roles granted by a configured role.</summary>
    public static IReadOnlyList<string> Expand(string role) => role.ToLowerInvariant() switch
    {
        Admin => [Admin, Writer, Reader],
        Writer => [Writer, Reader],
        Reader => [Reader],
        _ => [],
    };
}
