using System.Net;

namespace RagPlatform.Web.Components.Controls;

/// <summary>Splits an HTML-encoded snippet with &lt;mark&gt; tags into plain-text parts, so the page renders them escaped.</summary>
internal static class SnippetParts
{
    private const string Open = "<mark>";
    private const string Close = "</mark>";

    public static List<(string Text, bool Marked)> Split(string snippet)
    {
        var parts = new List<(string, bool)>();
        var pos = 0;
        while (pos < snippet.Length)
        {
            var open = snippet.IndexOf(Open, pos, StringComparison.Ordinal);
            var close = open < 0 ? -1 : snippet.IndexOf(Close, open + Open.Length, StringComparison.Ordinal);
            if (open < 0 || close < 0)
            {
                parts.Add((WebUtility.HtmlDecode(snippet[pos..]), false));
                break;
            }

            if (open > pos)
            {
                parts.Add((WebUtility.HtmlDecode(snippet[pos..open]), false));
            }

            parts.Add((WebUtility.HtmlDecode(snippet[(open + Open.Length)..close]), true));
            pos = close + Close.Length;
        }

        return parts;
    }
}
