using System.Net;
using System.Text;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace RagPlatform.Search.Lexical;

/// <summary>
/// Offset-based highlighter on the stored text: takes match offsets from the term vector, picks the window with the most distinct
/// matched terms, wraps matches in &lt;mark&gt; and HTML-escapes everything else.
/// </summary>
internal static class SnippetBuilder
{
    /// <summary>
    /// Offsets of the query terms in one hit, from its term vector, in text order. The indexed field may carry a prefix
    /// (the title) of <paramref name="shift"/> characters before the stored chunk text: matches inside it are dropped and
    /// the rest are moved back by it, so they index the chunk text.
    /// </summary>
    public static List<(int Start, int End, string Term)> Matches(IndexReader reader, int doc, IReadOnlySet<string> terms, int shift)
    {
        var matches = new List<(int Start, int End, string Term)>();
        var vector = reader.GetTermVector(doc, LuceneFields.Text);
        if (vector is null || terms.Count == 0)
        {
            return matches;
        }

        var termsEnum = vector.GetEnumerator();
        DocsAndPositionsEnum? positions = null;
        foreach (var term in terms)
        {
            if (!termsEnum.SeekExact(new BytesRef(term)))
            {
                continue;
            }

            positions = termsEnum.DocsAndPositions(null, positions, DocsAndPositionsFlags.OFFSETS);
            if (positions is null || positions.NextDoc() == DocIdSetIterator.NO_MORE_DOCS)
            {
                continue;
            }

            for (var i = 0; i < positions.Freq; i++)
            {
                positions.NextPosition();
                if (positions.StartOffset >= shift)
                {
                    matches.Add((positions.StartOffset - shift, positions.EndOffset - shift, term));
                }
            }
        }

        matches.Sort((a, b) => a.Start.CompareTo(b.Start));
        return matches;
    }

    /// <summary>The snippet of <paramref name="text"/> around the best cluster of <paramref name="matches"/>.</summary>
    public static string Build(string text, List<(int Start, int End, string Term)> matches, int maxChars)
    {
        var (start, end) = ChooseWindow(text, matches, maxChars);
        var sb = new StringBuilder(maxChars + 64);
        if (start > 0)
        {
            sb.Append('…');
        }

        var pos = start;
        foreach (var m in matches)
        {
            if (m.Start < pos || m.End > end)
            {
                continue;
            }

            sb.Append(WebUtility.HtmlEncode(text[pos..m.Start]));
            sb.Append("<mark>").Append(WebUtility.HtmlEncode(text[m.Start..m.End])).Append("</mark>");
            pos = m.End;
        }

        sb.Append(WebUtility.HtmlEncode(text[pos..end]));
        if (end < text.Length)
        {
            sb.Append('…');
        }

        return sb.ToString();
    }

    private static (int Start, int End) ChooseWindow(string text, List<(int Start, int End, string Term)> matches, int maxChars)
    {
        if (text.Length <= maxChars)
        {
            return (0, text.Length);
        }

        var bestStart = 0;
        var bestScore = -1;
        for (var i = 0; i < matches.Count; i++)
        {
            var distinct = new HashSet<string>(StringComparer.Ordinal);
            for (var j = i; j < matches.Count && matches[j].End - matches[i].Start <= maxChars; j++)
            {
                distinct.Add(matches[j].Term);
            }

            if (distinct.Count > bestScore)
            {
                bestScore = distinct.Count;
                bestStart = matches[i].Start;
            }
        }

        // Give the first match a little left context, then snap to a word boundary.
        var start = Math.Max(0, bestStart - (maxChars / 5));
        if (start + maxChars > text.Length)
        {
            start = text.Length - maxChars;
        }

        while (start > 0 && start < bestStart && !char.IsWhiteSpace(text[start - 1]))
        {
            start++;
        }

        var end = Math.Min(text.Length, start + maxChars);
        while (end < text.Length && end > start && !char.IsWhiteSpace(text[end]) && end > bestStart + 1)
        {
            end--;
        }

        return (start, end);
    }
}
