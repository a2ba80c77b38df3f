namespace RagPlatform.Core.Retrieval;

/// <summary>
/// Cuts a long query (a legal fact pattern runs to thousands of characters) into overlapping word windows that fit
/// the encoder, so dense scoring sees all of it instead of its first 512 tokens. A query that fits is one window,
/// itself, so short queries score exactly as before.
/// </summary>
public static class QueryWindows
{
    /// <summary>
    /// Windows of <paramref name="windowWords"/> words advancing by three quarters of a window; when that would make
    /// more than <paramref name="maxWindows"/>, the stride widens so the windows spread over the whole query, first
    /// and last words included (they tile it without gaps while it has at most maxWindows × windowWords words: 7,680
    /// with the defaults, more than Search:MaxQueryChars allows).
    /// </summary>
    public static IReadOnlyList<string> Split(string query, int windowWords, int maxWindows)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(windowWords, 8);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxWindows, 1);
        var words = query.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (words.Length <= windowWords)
        {
            return [query];
        }

        var stride = Math.Max(windowWords * 3 / 4, (int)Math.Ceiling((words.Length - windowWords) / (double)Math.Max(1, maxWindows - 1)));
        var windows = new List<string>();
        for (var start = 0; ; start += stride)
        {
            var end = Math.Min(words.Length, start + windowWords);
            windows.Add(string.Join(' ', words, start, end - start));
            if (end == words.Length || windows.Count == maxWindows)
            {
                break;
            }
        }

        return windows;
    }
}
