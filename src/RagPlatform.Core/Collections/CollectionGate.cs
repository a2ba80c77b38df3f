using System.Collections.Concurrent;

namespace RagPlatform.Core.Collections;

/// <summary>
/// One writer at a time per collection inside the process: a job holds its collection while it indexes, a delete or
/// rename holds it for the whole change. Admin changes only try (a held collection is a 409); jobs wait their turn,
/// so a job queued while a rename runs starts after it.
/// </summary>
public sealed class CollectionGate
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _gates = new(StringComparer.Ordinal);

    /// <summary>Waits until the collection is free and holds it until the result is disposed.</summary>
    public async Task<IDisposable> EnterAsync(string collection, CancellationToken cancellationToken)
    {
        var gate = Of(collection);
        await gate.WaitAsync(cancellationToken);
        return new Held(gate);
    }

    /// <summary>Holds the collection if it is free; null when a job or another change holds it.</summary>
    public IDisposable? TryEnter(string collection)
    {
        var gate = Of(collection);
        return gate.Wait(0) ? new Held(gate) : null;
    }

    private SemaphoreSlim Of(string collection) => _gates.GetOrAdd(collection, _ => new SemaphoreSlim(1, 1));

    private sealed class Held(SemaphoreSlim gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                gate.Release();
            }
        }
    }
}
