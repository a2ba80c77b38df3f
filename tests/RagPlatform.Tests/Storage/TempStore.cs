using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using RagPlatform.Core.Storage;
using RagPlatform.Storage;

namespace RagPlatform.Tests.Storage;

/// <summary>A migrated SQLite store in its own temp data directory.</summary>
internal sealed class TempStore : IAsyncDisposable
{
    private TempStore(string directory)
    {
        Directory = directory;
        Options = new StorageOptions { DataDirectory = directory };
        Contexts = new RagDbContextFactory(Options);
        Store = new EfMetadataStore(Contexts, TimeProvider.System, NullLogger<EfMetadataStore>.Instance);
    }

    public string Directory { get; }

    public StorageOptions Options { get; }

    public IDbContextFactory<RagDbContext> Contexts { get; }

    public EfMetadataStore Store { get; }

    public static async Task<TempStore> CreateAsync(string? directory = null)
    {
        var store = new TempStore(directory ?? NewDirectory());
        await store.Store.MigrateAsync(CancellationToken.None);
        return store;
    }

    public static string NewDirectory() => Path.Combine(Path.GetTempPath(), "ragp-storage-" + Guid.NewGuid().ToString("N"));

    /// <summary>A second store on the same file with its own context pool and connections, as another process would have.</summary>
    public Task<TempStore> OpenSecondAsync() => CreateAsync(Directory);

    public ValueTask DisposeAsync()
    {
        using (var connection = new SqliteConnection(RagDbContextConfigurator.SqliteConnectionString(Options)))
        {
            SqliteConnection.ClearPool(connection);
        }

        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // Another store on the same directory still holds it; the temp folder is cleaned by the OS.
        }

        return ValueTask.CompletedTask;
    }
}
