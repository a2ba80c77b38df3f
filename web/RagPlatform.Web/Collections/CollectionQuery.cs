using Microsoft.AspNetCore.WebUtilities;

namespace RagPlatform.Web.Collections;

/// <summary>Reads the collection an address names (its <c>collection</c> query parameter).</summary>
internal static class CollectionQuery
{
    /// <summary>The named collection, lower-cased like every collection name, or null when the query names none.</summary>
    public static string? Read(string query)
    {
        var values = QueryHelpers.ParseQuery(query);
        return values.TryGetValue("collection", out var value) && !string.IsNullOrWhiteSpace(value.ToString())
            ? value.ToString().Trim().ToLowerInvariant()
            : null;
    }
}
