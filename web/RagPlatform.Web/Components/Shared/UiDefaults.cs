namespace RagPlatform.Web.Components.Shared;

/// <summary>Defaults the pages share.</summary>
internal static class UiDefaults
{
    /// <summary>The collection a page uses when the address names none.</summary>
    public const string Collection = "library";

    /// <summary>The collection from the address, or the default one.</summary>
    public static string CollectionOrDefault(string? fromQuery) => string.IsNullOrWhiteSpace(fromQuery) ? Collection : fromQuery.Trim().ToLowerInvariant();
}
