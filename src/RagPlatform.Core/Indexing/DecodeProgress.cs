namespace RagPlatform.Core.Indexing;

/// <summary>
/// Progress inside one file's decode (a long scan's OCR, page by page), reported by a decoder without a parameter
/// for it: the indexing run opens a scope around each file's preparation, and the decoder's <see cref="Report"/>
/// reaches that scope's callback on the same asynchronous flow (nothing happens outside a scope).
/// </summary>
public static class DecodeProgress
{
    private static readonly AsyncLocal<Action<string>?> s_current = new();

    /// <summary>Sends the decode steps of the current flow to <paramref name="report"/> until the scope is disposed.</summary>
    public static IDisposable Begin(Action<string> report)
    {
        var previous = s_current.Value;
        s_current.Value = report;
        return new Scope(previous);
    }

    /// <summary>Says what the decode of the current file is doing ("OCR page 3 of 40"); a no-op outside a scope.</summary>
    public static void Report(string step) => s_current.Value?.Invoke(step);

    private sealed class Scope(Action<string>? previous) : IDisposable
    {
        public void Dispose() => s_current.Value = previous;
    }
}
