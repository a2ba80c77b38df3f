using System.Collections.Concurrent;

namespace RagPlatform.Core.Answering;

/// <summary>
/// Remembers the results of a pure function of sentence text (the same passages come back question after question),
/// up to <paramref name="capacity"/> entries; when full it starts over, so memory stays bounded without bookkeeping.
/// </summary>
internal sealed class BoundedMemo<TKey, TValue>(int capacity, Func<TKey, TValue> compute)
    where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, TValue> _values = new();

    public TValue Get(TKey key)
    {
        if (_values.TryGetValue(key, out var value))
        {
            return value;
        }

        value = compute(key);
        if (_values.Count >= capacity)
        {
            _values.Clear();
        }

        _values.TryAdd(key, value);
        return value;
    }
}
