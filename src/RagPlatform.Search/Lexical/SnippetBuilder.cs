using System.Net;
using System.Text;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace RagPlatform.Search.Lexical;

/// <summary>
/// Builds a short excerpt of a passage around its densest cluster of query terms. Matches are wrapped in
/// &lt;mark&gt;; every other character is HTML-escaped, so document text can never inject markup.
/// </summary>
internal static class SnippetBuilder
{
    private const int Window = 220;

    public static string Build(Analyzer analyzer, string text, IReadOnlySet<string> terms)
    {
        var matches = Matches(analyzer, text, terms);
        var (start, end) = ChooseWindow(text, matches);
        var snippet = new StringBuilder(end - start + 64);
        if (start > 0)
        {
            snippet.Append('…');
        }

        var cursor = start;
        foreach (var (matchStart, matchEnd) in matches.Where(m => m.Start >= start && m.End <= end))
        {
            snippet.Append(WebUtility.HtmlEncode(text[cursor..matchStart]));
            snippet.Append("<mark>").Append(WebUtility.HtmlEncode(text[matchStart..matchEnd])).Append("</mark>");
            cursor = matchEnd;
        }

        snippet.Append(WebUtility.HtmlEncode(text[cursor..end]));
        if (end < text.Length)
        {
            snippet.Append('…');
        }

        return snippet.ToString();
    }

    private static List<(int Start, int End)> Matches(Analyzer analyzer, string text, IReadOnlySet<string> terms)
    {
        var matches = new List<(int, int)>();
        using var stream = analyzer.GetTokenStream(LuceneFields.Contents, text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        var offset = stream.AddAttribute<IOffsetAttribute>();
        stream.Reset();
        var lastEnd = -1;
        while (stream.IncrementToken())
        {
            if (offset.StartOffset >= lastEnd && terms.Contains(term.ToString()))
            {
                matches.Add((offset.StartOffset, offset.EndOffset));
                lastEnd = offset.EndOffset;
            }
        }

        stream.End();
        return matches;
    }

    private static (int Start, int End) ChooseWindow(string text, List<(int Start, int End)> matches)
    {
        if (text.Length <= Window)
        {
            return (0, text.Length);
        }

        var bestStart = 0;
        var bestCount = 0;
        var right = 0;
        for (var left = 0; left < matches.Count; left++)
        {
            while (right < matches.Count && matches[right].End - matches[left].Start <= Window)
            {
                right++;
            }

            if (right - left > bestCount)
            {
                bestCount = right - left;
                bestStart = matches[left].Start;
            }
        }

        // Start a little before the first match, on a word boundary.
        var start = Math.Max(0, bestStart - (Window / 5));
        while (start > 0 && start < bestStart && !char.IsWhiteSpace(text[start - 1]))
        {
            start++;
        }

        var end = Math.Min(text.Length, start + Window);
        while (end < text.Length && end > start + (Window / 2) && !char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }

        return (start, end);
    }
}
