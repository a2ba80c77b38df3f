using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using RagPlatform.Core.Storage;

namespace RagPlatform.Storage;

/// <summary>Registers the EF Core metadata store.</summary>
public static class RagStorageServiceCollectionExtensions
{
    /// <summary>Adds <see cref="IMetadataStore"/> over SQLite (default, under the data directory) or PostgreSQL.</summary>
    public static IServiceCollection AddRagStorage(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddPooledDbContextFactory<RagDbContext>((sp, builder) => Configure(builder, sp.GetRequiredService<IOptions<StorageOptions>>().Value));
        services.AddSingleton<IMetadataStore, EfMetadataStore>();
        return services;
    }

    /// <summary>Points EF Core at the configured database.</summary>
    internal static void Configure(DbContextOptionsBuilder builder, StorageOptions options)
    {
        if (options.Provider == "postgres")
        {
            if (string.IsNullOrWhiteSpace(options.ConnectionString))
            {
                throw new InvalidOperationException("Storage:Provider is 'postgres' but Storage:ConnectionString is empty.");
            }

            builder.UseNpgsql(options.ConnectionString);
            return;
        }

        builder.UseSqlite(SqliteConnectionString(options));
    }

    /// <summary>The SQLite file under the data directory, with a busy timeout so several processes can share it.</summary>
    public static string SqliteConnectionString(StorageOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return options.ConnectionString;
        }

        var directory = Path.GetFullPath(options.DataDirectory);
        Directory.CreateDirectory(directory);
        return new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(directory, "ragplatform.db"),
            DefaultTimeout = 30,
            Pooling = true,
        }.ToString();
    }
}
