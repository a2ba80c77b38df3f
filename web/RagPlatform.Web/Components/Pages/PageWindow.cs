using RagPlatform.Core.Documents;
using RagPlatform.Core.Storage;

namespace RagPlatform.Web.Components.Pages;

/// <summary>The pages the viewer shows: the requested page, widened to every page a highlighted span touches.</summary>
internal sealed class PageWindow
{
    private readonly string _text;
    private readonly IReadOnlyList<PageSpan> _all;

    private PageWindow(string text, IReadOnlyList<PageSpan> all, int first, int last)
    {
        _text = text;
        _all = all;
        First = first;
        Last = last;
    }

    public static PageWindow Empty { get; } = new(string.Empty, [], 1, 1);

    public int First { get; }

    public int Last { get; }

    public IEnumerable<PageSpan> Pages => _all.Where(p => p.Number >= First && p.Number <= Last);

    /// <summary>The span clamped into the text; an absent or empty span is (0, 0).</summary>
    public static (int Start, int End) ClampSpan(int length, int? start, int? end)
    {
        var s = Math.Clamp(start ?? 0, 0, length);
        var e = Math.Clamp(end ?? s, s, length);
        return (s, e);
    }

    public static PageWindow Create(StoredDocument document, int? page, int start, int end)
    {
        var pages = document.Pages.Count > 0 ? document.Pages : [new PageSpan(1, 0, document.Text.Length)];
        var probe = new PageWindow(document.Text, pages, 1, 1);
        var first = Math.Clamp(page ?? probe.PageOf(start), 1, pages.Count);
        var last = first;
        if (end > start)
        {
            first = Math.Min(first, probe.PageOf(start));
            last = Math.Max(first, probe.PageOf(end - 1));
        }

        return new PageWindow(document.Text, pages, first, last);
    }

    /// <summary>The page number that holds character <paramref name="offset"/>.</summary>
    public int PageOf(int offset)
    {
        foreach (var p in _all)
        {
            if (offset < p.CharEnd)
            {
                return p.Number;
            }
        }

        return _all.Count == 0 ? 1 : _all[^1].Number;
    }

    /// <summary>The page's text cut into plain and highlighted parts.</summary>
    public IEnumerable<TextPart> Parts(PageSpan page, int start, int end)
    {
        var from = Math.Clamp(page.CharStart, 0, _text.Length);
        var to = Math.Clamp(page.CharEnd, from, _text.Length);
        var hs = Math.Clamp(start, from, to);
        var he = Math.Clamp(end, hs, to);
        if (he <= hs)
        {
            yield return new TextPart(_text[from..to], false, false);
            yield break;
        }

        if (hs > from)
        {
            yield return new TextPart(_text[from..hs], false, false);
        }

        yield return new TextPart(_text[hs..he], true, hs == start);
        if (to > he)
        {
            yield return new TextPart(_text[he..to], false, false);
        }
    }
}

/// <summary>One run of a page's text.</summary>
internal sealed record TextPart(string Text, bool Highlighted, bool First);
