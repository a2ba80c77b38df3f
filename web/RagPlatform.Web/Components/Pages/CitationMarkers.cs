using System.Text.RegularExpressions;

namespace RagPlatform.Web.Components.Pages;

/// <summary>Removes inline [n] markers from answer sentences; the page shows them as chips instead.</summary>
internal static partial class CitationMarkers
{
    public static string Strip(string sentence) => Marker().Replace(sentence, string.Empty).TrimEnd();

    [GeneratedRegex(@"\s*\[\d+\]")]
    private static partial Regex Marker();
}
