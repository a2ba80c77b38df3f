namespace RagPlatform.Core.Documents;

/// <summary>A rectangle on a page in PDF points, origin at the bottom left (the glyph boxes' coordinates).</summary>
public readonly record struct PageRegion(int Page, double Left, double Bottom, double Right, double Top);
