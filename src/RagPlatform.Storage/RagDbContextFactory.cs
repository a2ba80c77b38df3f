using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using RagPlatform.Core.Storage;

namespace RagPlatform.Storage;

/// <summary>
/// Hands out pooled contexts for the configured provider: <see cref="RagDbContext"/> on SQLite, or
/// <see cref="PostgresRagDbContext"/> (with its own migrations) on PostgreSQL.
/// </summary>
public sealed class RagDbContextFactory : IDbContextFactory<RagDbContext>
{
    private readonly Func<CancellationToken, Task<RagDbContext>> _create;

    public RagDbContextFactory(StorageOptions options)
    {
        if (RagDbContextConfigurator.IsPostgres(options))
        {
            var builder = new DbContextOptionsBuilder<PostgresRagDbContext>();
            RagDbContextConfigurator.Configure(builder, options);
            var pool = new PooledDbContextFactory<PostgresRagDbContext>(builder.Options);
            _create = async ct => await pool.CreateDbContextAsync(ct);
        }
        else
        {
            var builder = new DbContextOptionsBuilder<RagDbContext>();
            RagDbContextConfigurator.Configure(builder, options);
            var pool = new PooledDbContextFactory<RagDbContext>(builder.Options);
            _create = pool.CreateDbContextAsync;
        }
    }

    public RagDbContext CreateDbContext() => _create(CancellationToken.None).GetAwaiter().GetResult();

    public Task<RagDbContext> CreateDbContextAsync(CancellationToken cancellationToken = default) => _create(cancellationToken);
}
