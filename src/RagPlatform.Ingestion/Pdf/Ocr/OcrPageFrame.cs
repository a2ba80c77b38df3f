using UglyToad.PdfPig.Content;

namespace RagPlatform.Ingestion.Pdf.Ocr;

/// <summary>
/// Where a rendered page sits in PDF user space: pdftoppm renders the MediaBox, turned by the page's /Rotate, at
/// <see cref="Dpi"/>; image pixels (origin top left, y down) map back to points (origin bottom left, y up).
/// </summary>
/// <param name="Page">1-based page number.</param>
/// <param name="Left">MediaBox left.</param>
/// <param name="Bottom">MediaBox bottom.</param>
/// <param name="Right">MediaBox right.</param>
/// <param name="Top">MediaBox top.</param>
/// <param name="Rotation">Clockwise display rotation: 0, 90, 180 or 270.</param>
/// <param name="Dpi">The resolution the page is rendered at.</param>
public readonly record struct OcrPageFrame(int Page, double Left, double Bottom, double Right, double Top, int Rotation, int Dpi)
{
    /// <summary>Longest rendered side in pixels: a poster-sized page is rendered coarser rather than as a gigapixel image.</summary>
    public const int MaxPixels = 10_000;

    /// <summary>The frame of <paramref name="page"/> rendered at <paramref name="dpi"/> (or less, see <see cref="MaxPixels"/>).</summary>
    public static OcrPageFrame For(Page page, int number, int dpi)
    {
        var box = page.MediaBox.Bounds;
        var (left, right) = (Math.Min(box.Left, box.Right), Math.Max(box.Left, box.Right));
        var (bottom, top) = (Math.Min(box.Bottom, box.Top), Math.Max(box.Bottom, box.Top));
        var longest = Math.Max(Math.Max(right - left, top - bottom), 1);
        var effective = (int)Math.Clamp(Math.Floor(MaxPixels * 72 / longest), 1, dpi);
        var rotation = ((page.Rotation.Value % 360) + 360) % 360;
        return new OcrPageFrame(number, left, bottom, right, top, rotation, effective);
    }

    /// <summary>The PDF box of the pixel rectangle (<paramref name="x"/>, <paramref name="y"/>) of the rendered image.</summary>
    public GlyphBox ToPdf(double x, double y, double width, double height)
    {
        var scale = 72.0 / Dpi;
        var (u0, v0, u1, v1) = (x * scale, y * scale, (x + width) * scale, (y + height) * scale);
        return Rotation switch
        {
            // Image right is user +y and image down is user +x when the page is shown turned 90 degrees clockwise.
            90 => Box(Left + v0, Bottom + u0, Left + v1, Bottom + u1),
            180 => Box(Right - u1, Bottom + v0, Right - u0, Bottom + v1),
            270 => Box(Right - v1, Top - u1, Right - v0, Top - u0),
            _ => Box(Left + u0, Top - v1, Left + u1, Top - v0),
        };
    }

    private GlyphBox Box(double left, double bottom, double right, double top) =>
        new(Page, (float)left, (float)bottom, (float)right, (float)top);
}
