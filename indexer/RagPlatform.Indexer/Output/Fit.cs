namespace RagPlatform.Indexer.Output;

/// <summary>Cuts one-line values to a column budget, so human output never wraps an id or a title.</summary>
internal static class Fit
{
    private const char Ellipsis = '…';

    /// <summary><paramref name="text"/> on one line, cut at the end to at most <paramref name="width"/> characters.</summary>
    public static string End(string text, int width)
    {
        text = text.ReplaceLineEndings(" ").Trim();
        return text.Length <= width ? text : text[..Math.Max(0, width - 1)].TrimEnd() + Ellipsis;
    }

    /// <summary><paramref name="text"/> cut at the start (a path keeps its file name).</summary>
    public static string Start(string text, int width)
    {
        text = text.ReplaceLineEndings(" ").Trim();
        return text.Length <= width ? text : Ellipsis + text[^Math.Max(0, width - 1)..];
    }
}
