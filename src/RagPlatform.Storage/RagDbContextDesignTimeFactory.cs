using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace RagPlatform.Storage;

/// <summary>Lets `dotnet ef` build the SQLite model without a host.</summary>
internal sealed class RagDbContextDesignTimeFactory : IDesignTimeDbContextFactory<RagDbContext>
{
    public RagDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<RagDbContext>().UseSqlite("Data Source=design-time.db");
        return new RagDbContext(builder.Options);
    }
}
