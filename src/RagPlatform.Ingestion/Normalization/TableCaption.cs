using System.Text;
using System.Text.RegularExpressions;

namespace RagPlatform.Ingestion.Normalization;

/// <summary>Whether a paragraph reads as a table's caption: "Table 2: ...", "TABLE IV. ...", "Tab. 3 ...", short.</summary>
internal static partial class TableCaption
{
    /// <summary>A caption is at most this long; a longer paragraph that starts "Table 2" is prose about the table.</summary>
    private const int MaxChars = 1200;

    public static bool Is(string text) => text.Length <= MaxChars && Start().IsMatch(text);

    public static bool Is(StringBuilder text, int start, int end) =>
        end > start && end - start <= MaxChars && Is(text.ToString(start, end - start));

    [GeneratedRegex(@"^(?:Table|TABLE|Tab\.)\s*(?:[A-Z]?\d{1,3}|[IVXL]{1,6})(?:[.:]|\s*[-–—]\s|$)", RegexOptions.CultureInvariant)]
    private static partial Regex Start();
}
