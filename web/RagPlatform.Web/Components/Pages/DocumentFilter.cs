using RagPlatform.Core.Documents;

namespace RagPlatform.Web.Components.Pages;

/// <summary>The library's filter and sort over document metadata (in memory: metadata rows are small).</summary>
internal static class DocumentFilter
{
    public static List<DocumentInfo> Apply(IReadOnlyList<DocumentInfo> documents, string text, string state, string sort)
    {
        IEnumerable<DocumentInfo> query = documents;
        if (!string.IsNullOrWhiteSpace(text))
        {
            var needle = text.Trim();
            query = query.Where(d => d.Title.Contains(needle, StringComparison.OrdinalIgnoreCase)
                || d.Source.Contains(needle, StringComparison.OrdinalIgnoreCase));
        }

        if (Enum.TryParse<DocumentState>(state, out var wanted))
        {
            query = query.Where(d => d.State == wanted);
        }

        query = sort switch
        {
            "title" => query.OrderBy(d => d.Title, StringComparer.CurrentCultureIgnoreCase),
            "pages" => query.OrderByDescending(d => d.Pages),
            "state" => query.OrderBy(d => d.State).ThenBy(d => d.Title, StringComparer.CurrentCultureIgnoreCase),
            _ => query.OrderByDescending(d => d.UpdatedAt),
        };
        return query.ToList();
    }
}
