namespace RagPlatform.Ingestion.Pdf;

/// <summary>Rectangles of one page that together cover a text span's glyphs.</summary>
public sealed record PageRects(int Page, IReadOnlyList<Rect> Rects);

/// <summary>A rectangle in PDF user space (points, origin at the page's lower left).</summary>
public sealed record Rect(float X, float Y, float Width, float Height);

/// <summary>Merges the glyph boxes of a span into one rectangle per run of glyphs on the same line.</summary>
public static class GlyphRects
{
    public static IReadOnlyList<PageRects> ForSpan(IReadOnlyList<GlyphBox?> boxes, int start, int end)
    {
        var result = new List<PageRects>();
        List<Rect>? rects = null;
        GlyphBox? run = null;
        var page = 0;
        for (var i = Math.Max(0, start); i < Math.Min(end, boxes.Count); i++)
        {
            if (boxes[i] is not { } box)
            {
                continue;
            }

            if (box.Page != page)
            {
                Flush(rects, run);
                run = null;
                page = box.Page;
                rects = [];
                result.Add(new PageRects(page, rects));
            }

            run = run is { } r && SameLine(r, box)
                ? new GlyphBox(page, Math.Min(r.Left, box.Left), Math.Min(r.Bottom, box.Bottom), Math.Max(r.Right, box.Right), Math.Max(r.Top, box.Top))
                : Next(rects!, run, box);
        }

        Flush(rects, run);
        return result;
    }

    private static GlyphBox Next(List<Rect> rects, GlyphBox? finished, GlyphBox box)
    {
        Flush(rects, finished);
        return box;
    }

    private static void Flush(List<Rect>? rects, GlyphBox? run)
    {
        if (rects is not null && run is { } r)
        {
            rects.Add(new Rect(r.Left, r.Bottom, r.Right - r.Left, r.Top - r.Bottom));
        }
    }

    /// <summary>The next glyph continues the run when it sits on the same line and to the right, not far away.</summary>
    private static bool SameLine(GlyphBox run, GlyphBox next)
    {
        var height = Math.Max(run.Top - run.Bottom, next.Top - next.Bottom);
        var overlap = Math.Min(run.Top, next.Top) - Math.Max(run.Bottom, next.Bottom);
        return overlap > 0.3f * height && next.Left >= run.Left - 0.5f && next.Left - run.Right < 3 * Math.Max(height, 1);
    }
}
