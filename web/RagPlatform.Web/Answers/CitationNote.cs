using System.Globalization;
using RagPlatform.Core.Answering;

namespace RagPlatform.Web.Answers;

/// <summary>The words of a citation's footnote in an export: document title, pages and the verbatim quote.</summary>
internal static class CitationNote
{
    /// <summary>"p. 3" or "p. 3-4".</summary>
    public static string Pages(Citation citation) => citation.PageStart == citation.PageEnd
        ? string.Create(CultureInfo.InvariantCulture, $"p. {citation.PageStart}")
        : string.Create(CultureInfo.InvariantCulture, $"p. {citation.PageStart}-{citation.PageEnd}");

    /// <summary>Title and pages, the part before the quote: "Master agreement, p. 3-4".</summary>
    public static string Source(Citation citation) => $"{citation.Title}, {Pages(citation)}";
}
