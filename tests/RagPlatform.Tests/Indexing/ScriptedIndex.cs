using RagPlatform.Core.Indexing;

namespace RagPlatform.Tests.Indexing;

/// <summary>
/// A hand-written <see cref="IDocumentIndex"/> at our own seam, registered after the real ones (tree, BM25), so the
/// real indexes already hold a new version when it fails or hangs. It keeps chunk counts like a real index would.
/// </summary>
internal sealed class ScriptedIndex : IDocumentIndex
{
    private readonly Dictionary<(string Collection, Guid Id), int> _counts = [];
    private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _dropReached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<string> _events = [];

    /// <summary>When set, an upsert of a document whose chunks contain this word throws.</summary>
    public string? FailOnWord { get; set; }

    /// <summary>When set, an upsert of a document whose chunks contain this word never returns (a process that died there).</summary>
    public string? HangOnWord { get; set; }

    /// <summary>Completes when an upsert started hanging.</summary>
    public Task Reached => _reached.Task;

    /// <summary>When set, a collection drop waits for this task before it returns (a long delete still running).</summary>
    public Task? DropHeldUntil { get; set; }

    /// <summary>Completes when a drop started waiting for <see cref="DropHeldUntil"/>.</summary>
    public Task DropReached => _dropReached.Task;

    /// <summary>What was called, in order: "upsert c", "drop c", "dropped c".</summary>
    public IReadOnlyList<string> Events
    {
        get
        {
            lock (_events)
            {
                return [.. _events];
            }
        }
    }

    public string Name => "scripted";

    public async Task UpsertAsync(string collection, IReadOnlyList<IndexedDocument> documents, CancellationToken cancellationToken)
    {
        Record("upsert " + collection);
        if (documents.Any(d => Contains(d, HangOnWord)))
        {
            _reached.TrySetResult();
            await Task.Delay(Timeout.Infinite, CancellationToken.None);
        }

        if (documents.Any(d => Contains(d, FailOnWord)))
        {
            throw new IOException("disk quota exceeded (scripted)");
        }

        lock (_counts)
        {
            foreach (var document in documents)
            {
                _counts[(collection, document.Info.Id)] = document.Chunks.Count;
            }
        }
    }

    public Task DeleteAsync(string collection, IReadOnlyCollection<Guid> documentIds, CancellationToken cancellationToken)
    {
        lock (_counts)
        {
            foreach (var id in documentIds)
            {
                _counts.Remove((collection, id));
            }
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyDictionary<Guid, int>> GetChunkCountsAsync(string collection, CancellationToken cancellationToken)
    {
        lock (_counts)
        {
            return Task.FromResult<IReadOnlyDictionary<Guid, int>>(_counts.Where(e => e.Key.Collection == collection).ToDictionary(e => e.Key.Id, e => e.Value));
        }
    }

    public Task RenameCollectionAsync(string collection, string newName, CancellationToken cancellationToken)
    {
        lock (_counts)
        {
            foreach (var key in _counts.Keys.Where(k => k.Collection == collection).ToList())
            {
                _counts[key with { Collection = newName }] = _counts[key];
                _counts.Remove(key);
            }
        }

        return Task.CompletedTask;
    }

    public async Task DropCollectionAsync(string collection, CancellationToken cancellationToken)
    {
        Record("drop " + collection);
        if (DropHeldUntil is { } held)
        {
            _dropReached.TrySetResult();
            await held.WaitAsync(cancellationToken);
        }

        lock (_counts)
        {
            foreach (var key in _counts.Keys.Where(k => k.Collection == collection).ToList())
            {
                _counts.Remove(key);
            }
        }

        Record("dropped " + collection);
    }

    private void Record(string e)
    {
        lock (_events)
        {
            _events.Add(e);
        }
    }

    private static bool Contains(IndexedDocument document, string? word) =>
        word is not null && document.Chunks.Any(c => c.Text.Contains(word, StringComparison.Ordinal));
}
