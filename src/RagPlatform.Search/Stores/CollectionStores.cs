using System.Collections.Concurrent;
using RagPlatform.Core.Errors;
using RagPlatform.Core.Storage;

namespace RagPlatform.Search.Stores;

/// <summary>
/// The open per-collection stores of one index kind (bm25, dense, late), with one rule for all three. A store is opened
/// on first use and kept until the collection is dropped or renamed, or the map is disposed. Reads share the slot's lock,
/// writes hold it alone. Each slot remembers the stamp of the files it last read or wrote; at most once a second a read
/// compares it with the files on disk and, when another process committed since, catches up under the write lock
/// (skipped when searches hold the store: the next call looks again). A write catches up first, so it never writes over
/// another process's commit, and takes the new stamp after, so a process never reloads what it wrote itself.
/// </summary>
/// <typeparam name="TStore">One collection's open store; disposed on close when it is <see cref="IDisposable"/>.</typeparam>
internal sealed class CollectionStores<TStore> : IDisposable
    where TStore : class
{
    private static readonly TimeSpan s_refreshInterval = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<string, Lazy<Slot>> _slots = new(StringComparer.Ordinal);
    private readonly object _closeGate = new();
    private readonly Func<string, TStore> _open;
    private readonly Func<string, string> _stamp;
    private readonly Func<string, TStore, TStore?> _catchUp;
    private readonly TimeProvider _time;
    private bool _disposed;

    /// <param name="open">Opens a collection's store as committed (throws <see cref="IndexUnavailableException"/> when damaged).</param>
    /// <param name="stamp">What changes on disk with every commit of a collection (names, lengths, write times).</param>
    /// <param name="catchUp">
    /// With the write lock held: the store as now committed, given the open one (the same instance refreshed in place,
    /// or a new one); null when the files cannot be read just now.
    /// </param>
    /// <param name="time">Paces the look for other processes' commits.</param>
    public CollectionStores(Func<string, TStore> open, Func<string, string> stamp, Func<string, TStore, TStore?> catchUp, TimeProvider time)
    {
        _open = open;
        _stamp = stamp;
        _catchUp = catchUp;
        _time = time;
    }

    /// <summary>Runs <paramref name="read"/> on the collection's store under the shared lock.</summary>
    public T Read<T>(string collection, Func<TStore, T> read)
    {
        while (true)
        {
            var slot = Get(collection);
            slot.Lock.EnterReadLock();
            try
            {
                if (!slot.Closed)
                {
                    return read(slot.Store);
                }
            }
            finally
            {
                slot.Lock.ExitReadLock();
            }
        }
    }

    /// <summary>Runs <paramref name="write"/> on the collection's store under the write lock, after catching up with other processes' commits.</summary>
    public T Write<T>(string collection, Func<TStore, T> write)
    {
        while (true)
        {
            var slot = Get(collection, refresh: false);
            slot.Lock.EnterWriteLock();
            try
            {
                if (slot.Closed)
                {
                    continue;
                }

                CatchUp(collection, slot);
                var result = write(slot.Store);
                slot.Stamp = _stamp(collection);
                return result;
            }
            finally
            {
                slot.Lock.ExitWriteLock();
            }
        }
    }

    /// <summary>Runs <paramref name="write"/> as <see cref="Write{T}"/> does.</summary>
    public void Write(string collection, Action<TStore> write) => Write(collection, store =>
    {
        write(store);
        return 0;
    });

    /// <summary>
    /// Closes the collection's open store (waiting for its readers and writer) and then runs <paramref name="then"/>
    /// (the folder's delete or move) while no other close runs.
    /// </summary>
    public void Close(string collection, Action? then = null)
    {
        lock (_closeGate)
        {
            if (_slots.TryRemove(collection, out var lazy) && lazy.IsValueCreated)
            {
                Retire(lazy.Value);
            }

            then?.Invoke();
        }
    }

    /// <summary>Closes the collection's store and deletes its folder.</summary>
    public void Drop(string collection, string folder) => Close(collection, () =>
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    });

    /// <summary>Closes the stores of both names and moves the collection's folder <paramref name="from"/> to <paramref name="to"/> (<see cref="IndexFolders.Move"/>).</summary>
    public void Rename(string collection, string newName, string from, string to)
    {
        Close(newName);
        Close(collection, () => IndexFolders.Move(from, to));
    }

    /// <summary>Closes every open store.</summary>
    public void Dispose()
    {
        lock (_closeGate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            foreach (var lazy in _slots.Values.Where(l => l.IsValueCreated))
            {
                Retire(lazy.Value);
            }

            _slots.Clear();
        }
    }

    private static void Retire(Slot slot)
    {
        slot.Lock.EnterWriteLock();
        try
        {
            slot.Closed = true;
            (slot.Store as IDisposable)?.Dispose();
        }
        finally
        {
            slot.Lock.ExitWriteLock();
        }
    }

    private Slot Get(string collection, bool refresh = true)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var lazy = _slots.GetOrAdd(collection, c => new Lazy<Slot>(() => new Slot(_stamp(c), _open(c), _time.GetUtcNow())));
        Slot slot;
        try
        {
            slot = lazy.Value;
        }
        catch
        {
            // A damaged store is reported on every call, not cached as a broken slot.
            _slots.TryRemove(new KeyValuePair<string, Lazy<Slot>>(collection, lazy));
            throw;
        }

        if (refresh)
        {
            Refresh(collection, slot);
        }

        return slot;
    }

    private void Refresh(string collection, Slot slot)
    {
        var now = _time.GetUtcNow();
        if (now - slot.CheckedAt < s_refreshInterval)
        {
            return;
        }

        if (_stamp(collection) == slot.Stamp)
        {
            slot.CheckedAt = now;
            return;
        }

        if (slot.Lock.TryEnterWriteLock(0))
        {
            try
            {
                if (!slot.Closed)
                {
                    CatchUp(collection, slot);
                    slot.CheckedAt = now;
                }
            }
            finally
            {
                slot.Lock.ExitWriteLock();
            }
        }
    }

    /// <summary>With the write lock held: the store as committed on disk, when the files differ from what the slot last read or wrote.</summary>
    private void CatchUp(string collection, Slot slot)
    {
        var before = _stamp(collection);
        if (before == slot.Stamp)
        {
            return;
        }

        TStore? fresh;
        try
        {
            fresh = _catchUp(collection, slot.Store);
        }
        catch (Exception ex) when (ex is IndexUnavailableException or IOException)
        {
            // Caught mid-commit (a file renamed or compacted away while it was read): keep this snapshot.
            return;
        }

        if (fresh is null)
        {
            return;
        }

        var settled = _stamp(collection) == before;
        if (ReferenceEquals(fresh, slot.Store))
        {
            slot.Stamp = settled ? before : slot.Stamp;
            return;
        }

        if (!settled)
        {
            (fresh as IDisposable)?.Dispose();
            return;
        }

        // No reader holds the old store while the write lock is held: it is closed here, not left to a finalizer.
        (slot.Store as IDisposable)?.Dispose();
        slot.Store = fresh;
        slot.Stamp = before;
    }

    private sealed class Slot(string stamp, TStore store, DateTimeOffset checkedAt)
    {
        public ReaderWriterLockSlim Lock { get; } = new(LockRecursionPolicy.NoRecursion);

        /// <summary>The store as last read or written; replaced only under the write lock.</summary>
        public TStore Store { get; set; } = store;

        /// <summary>The files as this slot last read or wrote them.</summary>
        public string Stamp { get; set; } = stamp;

        public DateTimeOffset CheckedAt { get; set; } = checkedAt;

        /// <summary>Set under the write lock when the store is closed: a caller that got the slot before looks it up again.</summary>
        public bool Closed { get; set; }
    }
}
