using System.Globalization;

namespace RagPlatform.Web.Components.Pages;

/// <summary>Deep links into the document viewer and page-range labels.</summary>
internal static class ViewerLink
{
    public static string For(Guid documentId, int page, int start, int end) =>
        string.Create(CultureInfo.InvariantCulture, $"/documents/{documentId}?page={page}&start={start}&end={end}");

    public static string Pages(int start, int end) =>
        start == end ? string.Create(CultureInfo.InvariantCulture, $"p. {start}") : string.Create(CultureInfo.InvariantCulture, $"pp. {start}–{end}");
}
