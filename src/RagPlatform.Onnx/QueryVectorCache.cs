namespace RagPlatform.Onnx;

/// <summary>
/// The encoder outputs of recent question-time texts (queries, and the question an extractive ask embeds), keyed by
/// purpose and text. The text is the one the retriever and answerer already normalized (trimmed, keywords); it is not
/// normalized further here: measured, texts differing only in whitespace runs ("a  b", "a\nb") encode differently with
/// this tokenizer, so folding them would change results. Least recently used out first; the arrays handed out are copies.
/// </summary>
internal sealed class QueryVectorCache(int capacity)
{
    private readonly Dictionary<(bool Query, string Text), LinkedListNode<Entry>> _entries = [];
    private readonly LinkedList<Entry> _recent = new();
    private readonly Lock _lock = new();

    public bool Enabled => capacity > 0;

    /// <summary>The pooled vector (and the token vectors, when <paramref name="needTokens"/>), or false.</summary>
    public bool TryGet(bool query, string text, bool needTokens, out float[] pooled, out float[]? tokens)
    {
        lock (_lock)
        {
            if (_entries.TryGetValue((query, text), out var node) && (!needTokens || node.Value.Tokens is not null))
            {
                _recent.Remove(node);
                _recent.AddFirst(node);
                pooled = (float[])node.Value.Pooled.Clone();
                tokens = (float[]?)node.Value.Tokens?.Clone();
                return true;
            }
        }

        (pooled, tokens) = ([], null);
        return false;
    }

    public void Add(bool query, string text, float[] pooled, float[]? tokens)
    {
        if (!Enabled)
        {
            return;
        }

        var key = (query, text);
        lock (_lock)
        {
            if (_entries.Remove(key, out var old))
            {
                _recent.Remove(old);
                tokens ??= old.Value.Tokens;
            }

            _entries[key] = _recent.AddFirst(new Entry(key, (float[])pooled.Clone(), (float[]?)tokens?.Clone()));
            while (_entries.Count > capacity && _recent.Last is { } oldest)
            {
                _recent.RemoveLast();
                _entries.Remove(oldest.Value.Key);
            }
        }
    }

    private sealed record Entry((bool Query, string Text) Key, float[] Pooled, float[]? Tokens);
}
