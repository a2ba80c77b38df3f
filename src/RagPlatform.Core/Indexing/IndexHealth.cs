using System.Collections.Concurrent;
using RagPlatform.Core.Errors;

namespace RagPlatform.Core.Indexing;

/// <summary>
/// Which collections have an index this process found damaged (at recovery or on a read), so that health reports
/// Degraded, that collection's requests get a clear 503, and every other collection keeps being served. A rebuild
/// (<c>ragp index --rebuild</c>) clears the mark.
/// </summary>
public sealed class IndexHealth
{
    private readonly ConcurrentDictionary<string, string> _damaged = new(StringComparer.Ordinal);

    /// <summary>Damaged collections and what is wrong with each.</summary>
    public IReadOnlyDictionary<string, string> Damaged => new SortedDictionary<string, string>(_damaged, StringComparer.Ordinal);

    /// <summary>Records that <paramref name="collection"/> cannot be served.</summary>
    public void MarkDamaged(string collection, string problem) => _damaged[collection] = problem;

    /// <summary>Records that <paramref name="collection"/>'s indexes were rebuilt.</summary>
    public void MarkRepaired(string collection) => _damaged.TryRemove(collection, out _);

    /// <summary>Throws a non-transient <see cref="IndexUnavailableException"/> when the collection is marked damaged.</summary>
    public void ThrowIfDamaged(string collection)
    {
        if (_damaged.TryGetValue(collection, out var problem))
        {
            throw new IndexUnavailableException(Describe(collection, problem), isTransient: false);
        }
    }

    /// <summary>The message users get for a damaged collection: what is wrong and the command that repairs it.</summary>
    public static string Describe(string collection, string problem)
        => problem.Contains("--rebuild", StringComparison.Ordinal)
            ? $"The indexes of collection '{collection}' are damaged: {problem}"
            : $"The indexes of collection '{collection}' are damaged: {problem} Repair them with: ragp index --rebuild --collection {collection}";
}
