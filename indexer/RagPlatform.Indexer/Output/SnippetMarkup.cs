using System.Net;
using System.Text;
using Spectre.Console;

namespace RagPlatform.Indexer.Output;

/// <summary>
/// A hit's snippet (HTML-encoded text with &lt;mark&gt; around the matched terms) as lines of Spectre markup: entities
/// decoded, words wrapped to the width, matches in bold on a terminal that shows emphasis and in [brackets] on plain
/// output (neighbouring matches share one pair: "[exclusive rights]").
/// </summary>
internal static class SnippetMarkup
{
    private const string Open = "<mark>";
    private const string Close = "</mark>";

    public static IReadOnlyList<string> Lines(string snippet, int width, bool emphasis)
    {
        var lines = new List<string>();
        var line = new StringBuilder();
        var length = 0;
        var markedRun = false;
        foreach (var (word, marked) in Words(snippet))
        {
            var extra = (length == 0 ? 0 : 1) + word.Length + (marked && !markedRun && !emphasis ? 2 : 0);
            if (length > 0 && length + extra > width)
            {
                lines.Add(Finish(line, ref markedRun, emphasis));
                length = 0;
                extra = word.Length + (marked && !emphasis ? 2 : 0);
            }

            if (markedRun && !marked)
            {
                line.Append(emphasis ? "[/]" : "]]");
                markedRun = false;
            }

            if (length > 0)
            {
                line.Append(' ');
            }

            if (marked && !markedRun)
            {
                line.Append(emphasis ? "[bold yellow]" : "[[");
                markedRun = true;
            }

            line.Append(Markup.Escape(word));
            length += extra;
        }

        if (length > 0)
        {
            lines.Add(Finish(line, ref markedRun, emphasis));
        }

        return lines;
    }

    private static string Finish(StringBuilder line, ref bool markedRun, bool emphasis)
    {
        if (markedRun)
        {
            // Each line's markup is whole; a run that goes on reopens on the next line.
            line.Append(emphasis ? "[/]" : "]]");
        }

        var text = line.ToString();
        line.Clear();
        markedRun = false;
        return text;
    }

    /// <summary>The snippet's words, each with whether it lies inside a match.</summary>
    private static IEnumerable<(string Word, bool Marked)> Words(string snippet)
    {
        var pos = 0;
        while (pos < snippet.Length)
        {
            var open = snippet.IndexOf(Open, pos, StringComparison.Ordinal);
            var close = open < 0 ? -1 : snippet.IndexOf(Close, open + Open.Length, StringComparison.Ordinal);
            var plainEnd = open < 0 || close < 0 ? snippet.Length : open;
            foreach (var word in Split(snippet[pos..plainEnd]))
            {
                yield return (word, false);
            }

            if (plainEnd == snippet.Length)
            {
                yield break;
            }

            foreach (var word in Split(snippet[(open + Open.Length)..close]))
            {
                yield return (word, true);
            }

            pos = close + Close.Length;
        }
    }

    private static string[] Split(string encoded)
        => WebUtility.HtmlDecode(encoded).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
}
