using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using RagPlatform.Core.Storage;
using RagPlatform.Storage;

namespace RagPlatform.Tests.Storage;

/// <summary>
/// A migrated store in its own temp data directory: SQLite, or a database of its own on the run's PostgreSQL when
/// <see cref="TestPostgres.Enabled"/>.
/// </summary>
internal sealed class TempStore : IAsyncDisposable
{
    private TempStore(string directory, string? postgres)
    {
        Directory = directory;
        Options = postgres is null
            ? new StorageOptions { DataDirectory = directory }
            : new StorageOptions { DataDirectory = directory, Provider = "postgres", ConnectionString = postgres };
        Contexts = new RagDbContextFactory(Options);
        Store = new EfMetadataStore(Contexts, TimeProvider.System, NullLogger<EfMetadataStore>.Instance);
    }

    public string Directory { get; }

    public StorageOptions Options { get; }

    public IDbContextFactory<RagDbContext> Contexts { get; }

    public EfMetadataStore Store { get; }

    public static Task<TempStore> CreateAsync(string? directory = null)
        => CreateAsync(directory ?? NewDirectory(), TestPostgres.Enabled ? TestPostgres.NewDatabase() : null);

    private static async Task<TempStore> CreateAsync(string directory, string? postgres)
    {
        var store = new TempStore(directory, postgres);
        await store.Store.MigrateAsync(CancellationToken.None);
        return store;
    }

    public static string NewDirectory() => Path.Combine(Path.GetTempPath(), "ragp-storage-" + Guid.NewGuid().ToString("N"));

    /// <summary>A second store on the same file with its own context pool and connections, as another process would have.</summary>
    public Task<TempStore> OpenSecondAsync() => CreateAsync(Directory, RagDbContextConfigurator.IsPostgres(Options) ? Options.ConnectionString : null);

    public async ValueTask DisposeAsync()
    {
        if (RagDbContextConfigurator.IsPostgres(Options))
        {
            await TestPostgres.DropAsync(Options.ConnectionString!);
        }
        else
        {
            ClearSqlitePool();
        }

        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // Another store on the same directory still holds it; the temp folder is cleaned by the OS.
        }
    }

    private void ClearSqlitePool()
    {
        using (var connection = new SqliteConnection(RagDbContextConfigurator.SqliteConnectionString(Options)))
        {
            SqliteConnection.ClearPool(connection);
        }
    }
}
