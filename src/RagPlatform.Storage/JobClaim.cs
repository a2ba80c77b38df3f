using System.Data.Common;
using Microsoft.EntityFrameworkCore;

namespace RagPlatform.Storage;

/// <summary>
/// The job queue's statements. A claim moves the oldest Queued job whose collection has no live Running job to
/// Running in one statement, with the claimer's worker id and lease, so exactly one claimer wins across threads and
/// processes and each collection has one writer at a time: SQLite runs the UPDATE under its single write lock;
/// PostgreSQL takes a transaction advisory lock (claims are rare, so serializing them costs nothing and makes the
/// "no live job on this collection" check race-free) and skips rows another worker has locked. A claim counts an
/// attempt, which recovery uses to stop retrying a job that keeps killing its worker.
/// </summary>
internal static class JobClaim
{
    /// <summary>The advisory lock key of the claim (any constant; "RAGP" in ASCII).</summary>
    private const long AdvisoryKey = 0x52414750;

    private const string LiveOnCollection = """
        NOT EXISTS (SELECT 1 FROM "Jobs" r WHERE r."Collection" = q."Collection" AND r."State" = 'Running'
                    AND r."LeaseExpiresAt" >= @now)
        """;

    private const string SqliteSql = $"""
        UPDATE "Jobs" SET "State" = 'Running', "StartedAt" = @now, "Attempts" = "Attempts" + 1, "RunBy" = 'Server',
                          "WorkerId" = @worker, "LeaseExpiresAt" = @until
        WHERE "State" = 'Queued' AND "Id" = (SELECT q."Id" FROM "Jobs" q WHERE q."State" = 'Queued' AND {LiveOnCollection}
                                            ORDER BY q."CreatedAt", q."Id" LIMIT 1)
        RETURNING "Id";
        """;

    private const string PostgresSql = $"""
        UPDATE "Jobs" SET "State" = 'Running', "StartedAt" = @now, "Attempts" = "Attempts" + 1, "RunBy" = 'Server',
                          "WorkerId" = @worker, "LeaseExpiresAt" = @until
        WHERE "Id" = (SELECT q."Id" FROM "Jobs" q WHERE q."State" = 'Queued' AND {LiveOnCollection}
                      ORDER BY q."CreatedAt", q."Id" LIMIT 1 FOR UPDATE SKIP LOCKED)
        RETURNING "Id";
        """;

    private const string RenewSql = """
        UPDATE "Jobs" SET "LeaseExpiresAt" = @until WHERE "Id" = @id AND "State" = 'Running' AND "WorkerId" = @worker;
        """;

    private const string RequeueExpiredSql = """
        UPDATE "Jobs" SET "State" = 'Queued', "WorkerId" = NULL, "LeaseExpiresAt" = NULL
        WHERE "State" = 'Running' AND "LeaseExpiresAt" < @now AND "Attempts" < @max;
        """;

    private const string FailExpiredSql = """
        UPDATE "Jobs" SET "State" = 'Failed', "Error" = @error, "FinishedAt" = @now, "LeaseExpiresAt" = NULL
        WHERE "State" = 'Running' AND "LeaseExpiresAt" < @now AND "Attempts" >= @max;
        """;

    public static async Task<Guid?> ClaimAsync(RagDbContext db, string workerId, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var postgres = db.Database.IsNpgsql();
            await using var transaction = postgres ? await db.Database.GetDbConnection().BeginTransactionAsync(cancellationToken) : null;
            if (transaction is not null)
            {
                await using var advisory = Command(db, transaction, "SELECT pg_advisory_xact_lock(@key);", ("key", AdvisoryKey));
                await advisory.ExecuteNonQueryAsync(cancellationToken);
            }

            Guid? id;
            await using (var command = Command(db, transaction, postgres ? PostgresSql : SqliteSql,
                ("now", now.UtcTicks), ("until", (now + lease).UtcTicks), ("worker", workerId)))
            {
                await using DbDataReader reader = await command.ExecuteReaderAsync(cancellationToken);
                id = await reader.ReadAsync(cancellationToken) ? reader.GetGuid(0) : null;
            }

            if (transaction is not null)
            {
                await transaction.CommitAsync(cancellationToken);
            }

            return id;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>Extends the lease; false when the job is no longer this worker's (it ended, or its lease expired and it was taken back).</summary>
    public static async Task<bool> RenewAsync(RagDbContext db, Guid id, string workerId, DateTimeOffset until, CancellationToken cancellationToken)
        => await ExecuteAsync(db, RenewSql, cancellationToken, ("id", KeyOf(db, id)), ("worker", workerId), ("until", until.UtcTicks)) == 1;

    /// <summary>Re-queues the Running jobs whose lease passed (their worker died), or fails those started <paramref name="maxAttempts"/> times.</summary>
    public static async Task<(int Requeued, int Failed)> ReleaseExpiredAsync(RagDbContext db, DateTimeOffset now, int maxAttempts, string error, CancellationToken cancellationToken)
    {
        var requeued = await ExecuteAsync(db, RequeueExpiredSql, cancellationToken, ("now", now.UtcTicks), ("max", maxAttempts));
        var failed = await ExecuteAsync(db, FailExpiredSql, cancellationToken, ("now", now.UtcTicks), ("max", maxAttempts), ("error", error));
        return (requeued, failed);
    }

    /// <summary>A Guid as the column holds it: EF Core's SQLite provider stores upper-case text, PostgreSQL a uuid.</summary>
    private static object KeyOf(RagDbContext db, Guid id) => db.Database.IsNpgsql() ? id : id.ToString().ToUpperInvariant();

    private static async Task<int> ExecuteAsync(RagDbContext db, string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = Command(db, null, sql, parameters);
            return await command.ExecuteNonQueryAsync(cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static DbCommand Command(RagDbContext db, DbTransaction? transaction, string sql, params (string Name, object Value)[] parameters)
    {
        var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }

        return command;
    }
}
