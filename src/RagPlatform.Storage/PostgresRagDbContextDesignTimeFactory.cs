using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace RagPlatform.Storage;

/// <summary>Lets `dotnet ef` build the PostgreSQL model without a host or a server (adding migrations does not connect).</summary>
internal sealed class PostgresRagDbContextDesignTimeFactory : IDesignTimeDbContextFactory<PostgresRagDbContext>
{
    public PostgresRagDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<PostgresRagDbContext>().UseNpgsql("Host=localhost;Database=ragplatform");
        return new PostgresRagDbContext(builder.Options);
    }
}
