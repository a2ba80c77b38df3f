using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using RagPlatform.Core.Storage;

namespace RagPlatform.Storage;

/// <summary>Points a <see cref="RagDbContext"/> at SQLite (the data directory's file) or PostgreSQL, per <see cref="StorageOptions"/>.</summary>
public static class RagDbContextConfigurator
{
    /// <summary>The SQLite file name inside the data directory.</summary>
    public const string SqliteFileName = "ragplatform.db";

    /// <summary>Seconds a SQLite command waits for a lock held by another connection or process.</summary>
    public const int SqliteBusyTimeoutSeconds = 30;

    public static bool IsPostgres(StorageOptions options) => string.Equals(options.Provider, "postgres", StringComparison.OrdinalIgnoreCase);

    public static void Configure(DbContextOptionsBuilder builder, StorageOptions options)
    {
        if (IsPostgres(options))
        {
            if (string.IsNullOrWhiteSpace(options.ConnectionString))
            {
                throw new InvalidOperationException(
                    "Storage:Provider is 'postgres' but Storage:ConnectionString is empty; set it, e.g. 'Host=localhost;Database=ragplatform;Username=rag;Password=...'.");
            }

            builder.UseNpgsql(options.ConnectionString);
            return;
        }

        builder.UseSqlite(SqliteConnectionString(options));
    }

    /// <summary>
    /// The SQLite connection string: the configured one, or the file under the data directory (created when missing).
    /// A default timeout makes Microsoft.Data.Sqlite retry on SQLITE_BUSY, so the CLI and the server can share the file.
    /// </summary>
    public static string SqliteConnectionString(StorageOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            var configured = new SqliteConnectionStringBuilder(options.ConnectionString);
            if (configured.DefaultTimeout == new SqliteConnectionStringBuilder().DefaultTimeout)
            {
                configured.DefaultTimeout = SqliteBusyTimeoutSeconds;
            }

            return configured.ToString();
        }

        var directory = Path.GetFullPath(options.DataDirectory);
        Directory.CreateDirectory(directory);
        return new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(directory, SqliteFileName),
            DefaultTimeout = SqliteBusyTimeoutSeconds,
            Pooling = true,
        }.ToString();
    }
}
