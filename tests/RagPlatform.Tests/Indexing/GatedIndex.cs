using RagPlatform.Core.Documents;
using RagPlatform.Core.Indexing;
using RagPlatform.Core.Storage;

namespace RagPlatform.Tests.Indexing;

/// <summary>
/// A hand-written <see cref="IDocumentIndex"/> at our own seam whose upsert has a compute half (prepare) and a store
/// half (commit), like the dense writer's encoder and stores. The first commit can be held until the next batch's
/// prepare has started, which only a pipeline that encodes ahead of its writer lets happen. While it commits, it reads
/// the database's state of the documents it writes.
/// </summary>
internal sealed class GatedIndex(IMetadataStore store) : IDocumentIndex
{
    private readonly Dictionary<Guid, int> _counts = [];
    private readonly List<string> _events = [];
    private readonly TaskCompletionSource _secondPrepare = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _prepares;
    private int _commits;

    /// <summary>When set, the first commit waits until a second batch's prepare has begun.</summary>
    public bool HoldFirstCommit { get; init; }

    /// <summary>When set, both halves throw for a batch holding a document with this word.</summary>
    public string? FailOnWord { get; init; }

    /// <summary>"prepare n", "commit n" (n = documents in the batch) and "upsert n", in call order.</summary>
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

    /// <summary>Database states seen for the documents of each batch while committing it.</summary>
    public List<DocumentState?> StatesDuringCommit { get; } = [];

    public string Name => "gated";

    public async Task UpsertAsync(string collection, IReadOnlyList<IndexedDocument> documents, CancellationToken cancellationToken)
    {
        Record($"upsert {documents.Count}");
        ThrowOnWord(documents);
        await StoreAsync(documents, cancellationToken);
    }

    public Task<PreparedWrite> PrepareUpsertAsync(string collection, IReadOnlyList<IndexedDocument> documents, CancellationToken cancellationToken)
    {
        Record($"prepare {documents.Count}");
        if (Interlocked.Increment(ref _prepares) == 2)
        {
            _secondPrepare.TrySetResult();
        }

        ThrowOnWord(documents);
        return Task.FromResult(new PreparedWrite(async ct =>
        {
            if (HoldFirstCommit && Interlocked.Increment(ref _commits) == 1)
            {
                // Fails the run (rather than hanging the test) if the next batch is never prepared meanwhile.
                await _secondPrepare.Task.WaitAsync(TimeSpan.FromMinutes(2), ct);
            }

            Record($"commit {documents.Count}");
            await StoreAsync(documents, ct);
        }));
    }

    public Task DeleteAsync(string collection, IReadOnlyCollection<Guid> documentIds, CancellationToken cancellationToken)
    {
        lock (_counts)
        {
            foreach (var id in documentIds)
            {
                _counts.Remove(id);
            }
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyDictionary<Guid, int>> GetChunkCountsAsync(string collection, CancellationToken cancellationToken)
    {
        lock (_counts)
        {
            return Task.FromResult<IReadOnlyDictionary<Guid, int>>(new Dictionary<Guid, int>(_counts));
        }
    }

    public Task DropCollectionAsync(string collection, CancellationToken cancellationToken)
    {
        lock (_counts)
        {
            _counts.Clear();
        }

        return Task.CompletedTask;
    }

    public Task RenameCollectionAsync(string collection, string newName, CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task StoreAsync(IReadOnlyList<IndexedDocument> documents, CancellationToken cancellationToken)
    {
        foreach (var document in documents)
        {
            var state = (await store.GetDocumentAsync(document.Info.Id, cancellationToken))?.State;
            lock (_counts)
            {
                StatesDuringCommit.Add(state);
                _counts[document.Info.Id] = document.Chunks.Count;
            }
        }
    }

    private void ThrowOnWord(IReadOnlyList<IndexedDocument> documents)
    {
        if (FailOnWord is { } word && documents.Any(d => d.Chunks.Any(c => c.Text.Contains(word, StringComparison.Ordinal))))
        {
            throw new IOException("the scripted index refuses this batch");
        }
    }

    private void Record(string e)
    {
        lock (_events)
        {
            _events.Add(e);
        }
    }
}
