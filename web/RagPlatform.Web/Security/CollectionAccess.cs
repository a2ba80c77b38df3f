using System.Security.Claims;
using RagPlatform.Web.Errors;

namespace RagPlatform.Web.Security;

/// <summary>Whether the caller's key covers a collection.</summary>
internal static class CollectionAccess
{
    public static bool Allows(ClaimsPrincipal user, string collection)
        => user.FindAll(Roles.CollectionClaim).Any(c => c.Value == Roles.AllCollections || string.Equals(c.Value, collection, StringComparison.OrdinalIgnoreCase));

    /// <summary>Whether the caller's key covers every collection (no Auth:Keys:n:Collections, or no keys at all).</summary>
    public static bool AllowsAll(ClaimsPrincipal user) => user.HasClaim(Roles.CollectionClaim, Roles.AllCollections);

    /// <summary>
    /// For routes that name a collection: a <see cref="ForbiddenException"/> (403) when the key does not cover it.
    /// Routes that name a document or job by id answer 404 instead, so ids of other collections cannot be probed.
    /// </summary>
    public static void Demand(ClaimsPrincipal user, string collection)
    {
        if (!Allows(user, collection))
        {
            throw new ForbiddenException($"This API key does not cover collection '{collection}' (Auth:Keys:n:Collections).");
        }
    }

    /// <summary>Filters a list to the collections the caller may see.</summary>
    public static IEnumerable<T> Visible<T>(ClaimsPrincipal user, IEnumerable<T> items, Func<T, string> collectionOf)
        => items.Where(i => Allows(user, collectionOf(i)));
}
