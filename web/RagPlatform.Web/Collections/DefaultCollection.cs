using System.Security.Claims;
using RagPlatform.Core.Storage;
using RagPlatform.Web.Security;

namespace RagPlatform.Web.Collections;

/// <summary>
/// Which collection a page opens on when its address names none: the one this browser used last (if it still exists),
/// else the only one, else the one with the most documents. Null when there is no collection at all.
/// </summary>
internal static class DefaultCollection
{
    /// <summary>The key under which the browser keeps the last used collection (localStorage).</summary>
    public const string StorageKey = "ragp.collection";

    /// <summary>
    /// The collection a page shows: the one its address names (normalized), else the only or largest one (what the
    /// layout will write into the address), else empty: a server with no collection has none to show, not "library".
    /// </summary>
    /// <remarks>Only collections <paramref name="user"/> may read are chosen from, so a scoped reader never opens on one it cannot see.</remarks>
    public static async Task<string> ForPageAsync(string? fromQuery, IMetadataStore store, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        !string.IsNullOrWhiteSpace(fromQuery)
            ? fromQuery.Trim().ToLowerInvariant()
            : Choose(null, [.. CollectionAccess.Visible(user, await store.ListCollectionsAsync(cancellationToken), c => c.Name)]) ?? string.Empty;

    public static string? Choose(string? lastUsed, IReadOnlyList<CollectionInfo> collections)
    {
        if (!string.IsNullOrWhiteSpace(lastUsed) && collections.Any(c => c.Name == lastUsed))
        {
            return lastUsed;
        }

        return collections
            .OrderByDescending(c => c.Documents)
            .ThenBy(c => c.Name, StringComparer.Ordinal)
            .Select(c => c.Name)
            .FirstOrDefault();
    }
}
