using System.Security.Claims;
using RagPlatform.Web.Errors;

namespace RagPlatform.Web.Security;

/// <summary>
/// Whether the caller (a configured key, an account signed in to the UI, or an account's key) covers a collection: the
/// one check that API routes, UI pages and jobs all make.
/// </summary>
internal static class CollectionAccess
{
    public static bool Allows(ClaimsPrincipal user, string collection)
        => user.FindAll(Roles.CollectionClaim).Any(c => c.Value == Roles.AllCollections || string.Equals(c.Value, collection, StringComparison.OrdinalIgnoreCase));

    /// <summary>Whether the caller covers every collection (no Auth:Keys:n:Collections, an account granted "*", or no keys at all).</summary>
    public static bool AllowsAll(ClaimsPrincipal user) => user.HasClaim(Roles.CollectionClaim, Roles.AllCollections);

    /// <summary>
    /// For routes that name a collection: a <see cref="ForbiddenException"/> (403) when the caller does not cover it.
    /// Routes that name a document or job by id answer 404 instead, so ids of other collections cannot be probed.
    /// </summary>
    public static void Demand(ClaimsPrincipal user, string collection)
    {
        if (!Allows(user, collection))
        {
            throw new ForbiddenException(Refusal(collection));
        }
    }

    /// <summary>The sentence a refusal says, on a page or in a ProblemDetails.</summary>
    public static string Refusal(string collection)
        => $"This API key or account does not cover collection '{collection}' (Auth:Keys:n:Collections, or the account's collections on the Users page).";

    /// <summary>Whether <see cref="Demand(ClaimsPrincipal, string, string)"/> lets the caller through (pages offer only the actions it would).</summary>
    public static bool Permits(ClaimsPrincipal user, string collection, string role) => Roles.Has(user, role) && Allows(user, collection);

    /// <summary>For UI actions that change data: a <see cref="ForbiddenException"/> unless the caller holds the role and covers the collection.</summary>
    public static void Demand(ClaimsPrincipal user, string collection, string role)
    {
        if (!Roles.Has(user, role))
        {
            throw new ForbiddenException($"This needs the {role} role; ask an admin.");
        }

        Demand(user, collection);
    }

    /// <summary>Filters a list to the collections the caller may see.</summary>
    public static IEnumerable<T> Visible<T>(ClaimsPrincipal user, IEnumerable<T> items, Func<T, string> collectionOf)
        => items.Where(i => Allows(user, collectionOf(i)));
}
