using System.Net;
using System.Text;

namespace RagPlatform.Ingestion.Html;

/// <summary>
/// A guard and a fallback for pathological HTML. HTML5 tree building checks the stack of open elements for every tag,
/// so a page nested millions of levels deep costs quadratic time in any conforming parser. Such pages are measured
/// with a linear scan first and, when too deep, read as flat text: tags dropped, script and style content skipped,
/// entities decoded.
/// </summary>
internal static class FlatHtmlText
{
    private static readonly HashSet<string> s_void = new(StringComparer.OrdinalIgnoreCase)
    {
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr",
    };

    /// <summary>Whether the element nesting of <paramref name="html"/> goes deeper than <paramref name="limit"/>.</summary>
    public static bool NestsDeeperThan(string html, int limit)
    {
        var depth = 0;
        for (var i = 0; i < html.Length - 1; i++)
        {
            if (html[i] != '<')
            {
                continue;
            }

            var closing = html[i + 1] == '/';
            var start = closing ? i + 2 : i + 1;
            if (start >= html.Length || !char.IsAsciiLetter(html[start]))
            {
                continue;
            }

            var end = start;
            while (end < html.Length && char.IsAsciiLetterOrDigit(html[end]))
            {
                end++;
            }

            var name = html.AsSpan(start, end - start).ToString();
            var tagEnd = html.IndexOf('>', end);
            var selfClosing = tagEnd > 0 && html[tagEnd - 1] == '/';
            if (closing)
            {
                depth = Math.Max(0, depth - 1);
            }
            else if (!s_void.Contains(name) && !selfClosing && ++depth > limit)
            {
                return true;
            }

            i = tagEnd > 0 ? tagEnd : html.Length;
        }

        return false;
    }

    /// <summary>The page's text without any structure, and its &lt;title&gt;.</summary>
    public static (string Text, string? Title) Extract(string html)
    {
        var text = new StringBuilder(html.Length / 4);
        string? title = null;
        var i = 0;
        while (i < html.Length)
        {
            var open = html.IndexOf('<', i);
            if (open < 0)
            {
                text.Append(html, i, html.Length - i);
                break;
            }

            text.Append(html, i, open - i);
            var close = html.IndexOf('>', open);
            if (close < 0)
            {
                break;
            }

            var tag = html.AsSpan(open + 1, close - open - 1);
            var skipTo = SkippedUntil(tag);
            if (skipTo is not null)
            {
                var end = html.IndexOf(skipTo, close, StringComparison.OrdinalIgnoreCase);
                if (skipTo == "</title>" && end > close)
                {
                    title ??= WebUtility.HtmlDecode(html[(close + 1)..end]).Trim();
                }

                i = end < 0 ? html.Length : end + skipTo.Length;
                text.Append(' ');
                continue;
            }

            text.Append(' ');
            i = close + 1;
        }

        return (WebUtility.HtmlDecode(text.ToString()), string.IsNullOrWhiteSpace(title) ? null : title);
    }

    private static string? SkippedUntil(ReadOnlySpan<char> tag)
    {
        foreach (var name in (ReadOnlySpan<string>)["script", "style", "title", "noscript", "template"])
        {
            if (tag.StartsWith(name, StringComparison.OrdinalIgnoreCase)
                && (tag.Length == name.Length || !char.IsAsciiLetterOrDigit(tag[name.Length])))
            {
                return "</" + name + ">";
            }
        }

        return null;
    }
}
