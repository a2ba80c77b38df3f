using System.Data.Common;
using Microsoft.EntityFrameworkCore;

namespace RagPlatform.Storage;

/// <summary>
/// Moves the oldest Queued job to Running in one statement, so that exactly one claimer wins across threads and
/// processes: SQLite runs the UPDATE under its single write lock; PostgreSQL skips rows another worker has locked.
/// A claim is a start by the server: it counts an attempt, which start-up recovery uses to stop retrying a job that
/// keeps killing the process.
/// </summary>
internal static class JobClaim
{
    private const string SqliteSql = """
        UPDATE "Jobs" SET "State" = 'Running', "StartedAt" = @now, "Attempts" = "Attempts" + 1, "RunBy" = 'Server'
        WHERE "State" = 'Queued' AND "Id" = (SELECT "Id" FROM "Jobs" WHERE "State" = 'Queued' ORDER BY "CreatedAt", "Id" LIMIT 1)
        RETURNING "Id";
        """;

    private const string PostgresSql = """
        UPDATE "Jobs" SET "State" = 'Running', "StartedAt" = @now, "Attempts" = "Attempts" + 1, "RunBy" = 'Server'
        WHERE "Id" = (SELECT "Id" FROM "Jobs" WHERE "State" = 'Queued' ORDER BY "CreatedAt", "Id" LIMIT 1 FOR UPDATE SKIP LOCKED)
        RETURNING "Id";
        """;

    public static async Task<Guid?> ClaimAsync(RagDbContext db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = db.Database.IsNpgsql() ? PostgresSql : SqliteSql;
            var parameter = command.CreateParameter();
            parameter.ParameterName = "now";
            parameter.Value = now.UtcTicks;
            command.Parameters.Add(parameter);
            await using DbDataReader reader = await command.ExecuteReaderAsync(cancellationToken);
            return await reader.ReadAsync(cancellationToken) ? reader.GetGuid(0) : null;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
