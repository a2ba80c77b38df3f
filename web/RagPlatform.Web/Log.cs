namespace RagPlatform.Web;

/// <summary>The web host's log messages; event ids 6000-6999, 1340-1359 for collection administration and 1450-1499 for query admission.</summary>
internal static partial class Log
{
    [LoggerMessage(6001, LogLevel.Critical, "No API key is configured (Auth:Keys), so the server may only listen on loopback, but it listens on {Address}; stopping")]
    public static partial void NotLoopback(ILogger logger, string address);

    [LoggerMessage(6002, LogLevel.Information, "Seeding: indexing the samples in {Path} into collection {Collection} (job {JobId})")]
    public static partial void Seeding(ILogger logger, string path, string collection, Guid jobId);

    [LoggerMessage(6003, LogLevel.Error, "The indexing worker hit an error; it keeps running")]
    public static partial void WorkerError(ILogger logger, Exception exception);

    [LoggerMessage(6004, LogLevel.Warning, "Re-queued job {JobId}, interrupted by an earlier stop")]
    public static partial void Requeued(ILogger logger, Guid jobId);

    [LoggerMessage(6005, LogLevel.Error, "Unhandled error on {Path}")]
    public static partial void Unhandled(ILogger logger, Exception exception, string path);

    [LoggerMessage(1340, LogLevel.Information, "Deleted collection {Collection} with {Documents} documents")]
    public static partial void CollectionDeleted(ILogger logger, string collection, int documents);

    [LoggerMessage(1341, LogLevel.Information, "Renamed collection {Collection} to {NewName}; rewrote the indexes of {Documents} documents")]
    public static partial void CollectionRenamed(ILogger logger, string collection, string newName, int documents);

    [LoggerMessage(1342, LogLevel.Information, "Queued a re-index of document {DocumentId} (job {JobId})")]
    public static partial void ReindexQueued(ILogger logger, Guid documentId, Guid jobId);

    // Debug: under overload every refused request would log one line.
    [LoggerMessage(1450, LogLevel.Debug, "Refused {Path} with 429: {Running} running and {Queued} queued (QueryLimits)")]
    public static partial void QueryRejected(ILogger logger, string path, int running, int queued);
}
