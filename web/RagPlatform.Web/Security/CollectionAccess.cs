using System.Security.Claims;

namespace RagPlatform.Web.Security;

/// <summary>Whether the caller's key covers a collection.</summary>
internal static class CollectionAccess
{
    public static bool Allows(ClaimsPrincipal user, string collection)
        => user.FindAll(Roles.CollectionClaim).Any(c => c.Value == Roles.AllCollections || string.Equals(c.Value, collection, StringComparison.OrdinalIgnoreCase));

    /// <summary>Filters a list to the collections the caller may see.</summary>
    public static IEnumerable<T> Visible<T>(ClaimsPrincipal user, IEnumerable<T> items, Func<T, string> collectionOf)
        => items.Where(i => Allows(user, collectionOf(i)));
}
