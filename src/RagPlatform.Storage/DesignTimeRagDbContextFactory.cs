using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace RagPlatform.Storage;

/// <summary>Lets `dotnet ef migrations add` build the model without a host.</summary>
internal sealed class DesignTimeRagDbContextFactory : IDesignTimeDbContextFactory<RagDbContext>
{
    public RagDbContext CreateDbContext(string[] args)
        => new(new DbContextOptionsBuilder<RagDbContext>().UseSqlite("Data Source=design-time.db").Options);
}
