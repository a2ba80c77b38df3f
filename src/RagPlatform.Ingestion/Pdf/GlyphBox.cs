namespace RagPlatform.Ingestion.Pdf;

/// <summary>One character's box on its page, in PDF user space (points, origin at the page's lower left).</summary>
/// <param name="Page">1-based page number.</param>
/// <param name="Left">Left edge.</param>
/// <param name="Bottom">Bottom edge.</param>
/// <param name="Right">Right edge.</param>
/// <param name="Top">Top edge.</param>
public readonly record struct GlyphBox(int Page, float Left, float Bottom, float Right, float Top);
