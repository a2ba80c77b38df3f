namespace RagPlatform.Web;

/// <summary>The web host's log messages; event ids 6000-6999, 1340-1359 for collection administration, 1450-1499 for query admission and 8000-8099 for accounts and the audit trail.</summary>
internal static partial class Log
{
    [LoggerMessage(6001, LogLevel.Critical, "No API key, admin account or OpenID Connect is configured (Auth), so the server may only listen on loopback, but it listens on {Address}; stopping")]
    public static partial void NotLoopback(ILogger logger, string address);

    [LoggerMessage(6002, LogLevel.Information, "Seeding: indexing the samples in {Path} into collection {Collection} (job {JobId})")]
    public static partial void Seeding(ILogger logger, string path, string collection, Guid jobId);

    [LoggerMessage(6003, LogLevel.Error, "The indexing worker hit an error; it keeps running")]
    public static partial void WorkerError(ILogger logger, Exception exception);

    [LoggerMessage(6004, LogLevel.Warning, "Re-queued job {JobId}, interrupted by an earlier stop")]
    public static partial void Requeued(ILogger logger, Guid jobId);

    [LoggerMessage(6005, LogLevel.Error, "Unhandled error on {Path}")]
    public static partial void Unhandled(ILogger logger, Exception exception, string path);

    [LoggerMessage(1342, LogLevel.Information, "Queued a re-index of document {DocumentId} (job {JobId})")]
    public static partial void ReindexQueued(ILogger logger, Guid documentId, Guid jobId);

    [LoggerMessage(8001, LogLevel.Information, "Created the admin account {Email} from Auth:Admin")]
    public static partial void AdminCreated(ILogger logger, string email);

    [LoggerMessage(8002, LogLevel.Error, "Could not write the audit trail ({Action})")]
    public static partial void AuditFailed(ILogger logger, Exception exception, string action);

    [LoggerMessage(8003, LogLevel.Information, "Pruned {Count} audit rows older than {Days} days (Audit:RetentionDays)")]
    public static partial void AuditPruned(ILogger logger, int count, int days);

    [LoggerMessage(8004, LogLevel.Warning, "Failed sign-in for {Email} ({Reason})")]
    public static partial void SignInFailed(ILogger logger, string email, string reason);

    // Debug: under overload every refused request would log one line.
    [LoggerMessage(1450, LogLevel.Debug, "Refused {Path} with 429: {Running} running and {Queued} queued (QueryLimits)")]
    public static partial void QueryRejected(ILogger logger, string path, int running, int queued);
}
