using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Options;
using RagPlatform.Core.Errors;

namespace RagPlatform.Core.Storage;

/// <summary>
/// The one-writer rule across processes (DESIGN invariant 3): an exclusive OS lock on <c>DATA/writer.lock</c>, taken
/// before a process recovers, indexes or deletes anything and held until it exits (the OS releases it when a process
/// dies, so a crash never leaves it stuck). Who holds it is written beside it in <c>writer.json</c>, so a refused
/// writer can name the holder. Readers (search, ask, docs) take no lock: they read committed snapshots.
/// </summary>
public sealed class WriterLock(IOptions<StorageOptions> options, TimeProvider time) : IDisposable
{
    private const string LockFile = "writer.lock";
    private const string HolderFile = "writer.json";
    private static readonly JsonSerializerOptions s_json = new() { WriteIndented = true };

    private readonly string _directory = Path.GetFullPath(options.Value.DataDirectory);
    private readonly Lock _gate = new();
    private FileStream? _held;

    /// <summary>Whether this process holds the lock.</summary>
    public bool IsHeld
    {
        get
        {
            lock (_gate)
            {
                return _held is not null;
            }
        }
    }

    /// <summary>
    /// Whether this process holds the lock shared: several workers and the server on one PostgreSQL database write the
    /// same data directory, each collection by one of them at a time (the job claim carries the collection), while an
    /// exclusive writer (<c>ragp index</c>, a server on SQLite) still keeps them all out.
    /// </summary>
    public bool IsShared { get; private set; }

    /// <summary>The data directory the lock guards.</summary>
    public string Directory => _directory;

    /// <summary>
    /// Takes the lock unless this process already holds it; <paramref name="role"/> says what this process is
    /// ("ragp index", "server at http://127.0.0.1:5180"). Throws <see cref="DataDirectoryInUseException"/> naming the
    /// holder when another process has it.
    /// </summary>
    public void Acquire(string role) => Acquire(role, shared: false);

    /// <summary>
    /// Takes the lock shared with other shared holders (the workers and server of one PostgreSQL deployment); throws
    /// <see cref="DataDirectoryInUseException"/> while an exclusive writer holds it.
    /// </summary>
    public void AcquireShared(string role) => Acquire(role, shared: true);

    private void Acquire(string role, bool shared)
    {
        lock (_gate)
        {
            if (_held is not null)
            {
                return;
            }

            System.IO.Directory.CreateDirectory(_directory);
            FileStream stream;
            try
            {
                // FileShare.None takes flock(LOCK_EX | LOCK_NB) on Unix and a sharing lock on Windows.
                // FileShare.ReadWrite takes flock(LOCK_SH | LOCK_NB): shared holders coexist, an exclusive one is refused.
                stream = shared
                    ? new FileStream(Path.Combine(_directory, LockFile), FileMode.OpenOrCreate, FileAccess.Read, FileShare.ReadWrite)
                    : new FileStream(Path.Combine(_directory, LockFile), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException ex)
            {
                throw new DataDirectoryInUseException(
                    $"The data directory {_directory} is being written by another process: {DescribeHolder()}. "
                    + "Only one process may write a data directory; wait for it to finish, stop it, or hand the work to the running server (ragp index PATH --collection C --server URL).",
                    ex);
            }

            _held = stream;
            IsShared = shared;
            WriteHolder(shared ? role + " (shared with the other workers)" : role);
        }
    }

    /// <summary>
    /// Takes the lock for a write when the process has not taken it yet, naming the process by its command line (so a
    /// writer that did not take it up front still cannot write beside another).
    /// </summary>
    public void EnsureHeld()
    {
        if (!IsHeld)
        {
            Acquire(CommandLine());
        }
    }

    /// <summary>Releases the lock.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_held is null)
            {
                return;
            }

            try
            {
                File.Delete(Path.Combine(_directory, HolderFile));
            }
            catch (IOException)
            {
                // The next holder overwrites it; a stale file names a process that no longer holds the lock.
            }

            _held.Dispose();
            _held = null;
            IsShared = false;
        }
    }

    private static string CommandLine()
    {
        var args = Environment.GetCommandLineArgs();
        var line = string.Join(' ', args.Select(a => a.Contains(' ', StringComparison.Ordinal) ? $"'{a}'" : a));
        return line.Length <= 200 ? line : line[..200] + "...";
    }

    private void WriteHolder(string role)
    {
        using var process = Process.GetCurrentProcess();
        var holder = new WriterHolder(role, Environment.ProcessId, process.ProcessName, Environment.MachineName, time.GetUtcNow());
        var path = Path.Combine(_directory, HolderFile);
        var temp = path + ".tmp";
        File.WriteAllText(temp, JsonSerializer.Serialize(holder, s_json));
        File.Move(temp, path, overwrite: true);
    }

    private string DescribeHolder()
    {
        try
        {
            var holder = JsonSerializer.Deserialize<WriterHolder>(File.ReadAllText(Path.Combine(_directory, HolderFile)));
            if (holder is not null)
            {
                return $"{holder.Role} (pid {holder.ProcessId}, {holder.ProcessName} on {holder.Machine}, since {holder.Since:u})";
            }
        }
        catch (Exception ex) when (ex is IOException or JsonException or UnauthorizedAccessException)
        {
            // Fall through: the holder is starting and has not written its name yet.
        }

        return "a process that has not said who it is yet";
    }

    private sealed record WriterHolder(string Role, int ProcessId, string ProcessName, string Machine, DateTimeOffset Since);
}
