using RagPlatform.Core.Jobs;

namespace RagPlatform.Core.Indexing;

/// <summary>Thread-safe counts of an indexing run; reports progress after each input.</summary>
internal sealed class IndexTally(int total, IProgress<IndexProgress>? progress)
{
    private readonly Lock _lock = new();
    private readonly List<FileError> _errors = [];
    private int _done;
    private int _added;
    private int _updated;
    private int _unchanged;
    private int _pages;
    private int _chunks;

    public void Record(string source, Outcome outcome, int pages, int chunks)
    {
        IndexProgress snapshot;
        lock (_lock)
        {
            _done++;
            switch (outcome.Kind)
            {
                case OutcomeKind.Added: _added++; break;
                case OutcomeKind.Updated: _updated++; break;
                case OutcomeKind.Unchanged: _unchanged++; break;
                default: _errors.Add(new FileError(source, outcome.Error ?? "failed")); break;
            }

            _pages += pages;
            _chunks += chunks;
            snapshot = new IndexProgress(_done, total, _pages, _chunks, source);
        }

        progress?.Report(snapshot);
    }

    /// <summary>Reports a step inside the decode of <paramref name="source"/> (counts unchanged).</summary>
    public void Step(string source, string step)
    {
        IndexProgress snapshot;
        lock (_lock)
        {
            snapshot = new IndexProgress(_done, total, _pages, _chunks, null) { Decoding = source, Step = step };
        }

        progress?.Report(snapshot);
    }

    public IndexSummary ToSummary(string collection, int removed, double seconds)
    {
        lock (_lock)
        {
            return new IndexSummary
            {
                Collection = collection,
                Added = _added,
                Updated = _updated,
                Unchanged = _unchanged,
                Removed = removed,
                Failed = _errors.Count,
                Errors = [.. _errors.OrderBy(e => e.Path, StringComparer.Ordinal)],
                Pages = _pages,
                Chunks = _chunks,
                Seconds = Math.Round(seconds, 3),
            };
        }
    }
}
