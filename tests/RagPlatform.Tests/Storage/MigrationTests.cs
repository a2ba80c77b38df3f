using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using RagPlatform.Storage;

namespace RagPlatform.Tests.Storage;

public sealed class MigrationTests
{
    [Fact]
    public async Task MigrateAsync_twice_is_idempotent_and_uses_wal_in_the_data_directory()
    {
        await using var temp = await TempStore.CreateAsync();
        await temp.Store.MigrateAsync(CancellationToken.None);

        var file = Path.Combine(temp.Directory, RagDbContextConfigurator.SqliteFileName);
        Assert.True(File.Exists(file));

        await using var db = await temp.Contexts.CreateDbContextAsync();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());

        await using var connection = new SqliteConnection($"Data Source={file}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";
        Assert.Equal("wal", (string?)await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Model_has_no_changes_missing_from_the_committed_migrations()
    {
        await using var temp = await TempStore.CreateAsync();
        await using var db = await temp.Contexts.CreateDbContextAsync();
        Assert.False(db.Database.HasPendingModelChanges());
    }

    [Fact]
    public void Postgres_migrations_match_the_model_without_needing_a_server()
    {
        var options = new DbContextOptionsBuilder<PostgresRagDbContext>().UseNpgsql("Host=localhost;Database=unused").Options;
        using var db = new PostgresRagDbContext(options);

        Assert.False(db.Database.HasPendingModelChanges());
        Assert.Equal(["20261129043917_InitialCreate", "20261129071946_AddSummaryTrees", "20261202065505_AddJobAttempts", "20261202104021_AddDocumentMetadata", "20261203061423_AddAnswerHistory", "20261204181337_AddAccountsAndAudit", "20261204181344_AddJobLeases", "20261206215803_AddJobSteps"], db.Database.GetMigrations());

        // The same migrations, by name and order, as SQLite's.
        using var sqlite = new RagDbContext(new DbContextOptionsBuilder<RagDbContext>().UseSqlite("Data Source=:memory:").Options);
        static IEnumerable<string> Names(IEnumerable<string> ids) => ids.Select(id => id[(id.IndexOf('_', StringComparison.Ordinal) + 1)..]);
        Assert.Equal(Names(sqlite.Database.GetMigrations()), Names(db.Database.GetMigrations()));
    }
}
