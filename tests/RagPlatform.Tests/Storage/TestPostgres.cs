using Npgsql;

namespace RagPlatform.Tests.Storage;

/// <summary>
/// The PostgreSQL a test run was given: scripts/test.sh (with RAGP_TEST_POSTGRES=1, a PostgreSQL found, or in .ci/run)
/// starts a throwaway cluster and sets <see cref="Variable"/> to its connection string without a database; each store
/// then gets a database of its own. Without it the store fixtures use SQLite, and tests that need PostgreSQL fail.
/// </summary>
internal static class TestPostgres
{
    public const string Variable = "RAGP_TEST_POSTGRES_CONNECTION";

    /// <summary>Whether this run targets PostgreSQL.</summary>
    public static bool Enabled => !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(Variable));

    /// <summary>The server's connection string; throws when the run was not given one (a test that needs it fails, never skips).</summary>
    public static string Server => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value
        ? value
        : throw new InvalidOperationException(
            $"This test needs PostgreSQL: set {Variable} (e.g. 'Host=127.0.0.1;Port=5432;Username=ragp'), or run RAGP_TEST_POSTGRES=1 bash scripts/test.sh, which starts a throwaway cluster.");

    /// <summary>A connection string to a new, not yet created database (EF Core's migration creates it).</summary>
    public static string NewDatabase() => new NpgsqlConnectionStringBuilder(Server) { Database = "ragp_" + Guid.NewGuid().ToString("N")[..16] }.ToString();

    /// <summary>Drops the database of <paramref name="connectionString"/>, closing whatever still uses it.</summary>
    public static async Task DropAsync(string connectionString)
    {
        var database = new NpgsqlConnectionStringBuilder(connectionString).Database;
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(Server) { Database = "postgres", Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)";
        await command.ExecuteNonQueryAsync();
    }
}
