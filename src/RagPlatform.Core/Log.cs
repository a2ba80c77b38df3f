using Microsoft.Extensions.Logging;

namespace RagPlatform.Core;

/// <summary>Core's log messages; event ids 1000-1999.</summary>
internal static partial class Log
{
    [LoggerMessage(1001, LogLevel.Debug, "Indexed document {DocumentId}: {Pages} pages, {Chunks} chunks")]
    public static partial void DocumentIndexed(ILogger logger, Guid documentId, int pages, int chunks);

    [LoggerMessage(1002, LogLevel.Warning, "Could not decode {Source}")]
    public static partial void DecodeFailed(ILogger logger, Exception exception, string source);

    [LoggerMessage(1003, LogLevel.Error, "Could not write {Source} to the indexes")]
    public static partial void WriteFailed(ILogger logger, Exception exception, string source);

    [LoggerMessage(1004, LogLevel.Information, "Deleted document {DocumentId}")]
    public static partial void DocumentDeleted(ILogger logger, Guid documentId);

    [LoggerMessage(1005, LogLevel.Warning, "Recovery repaired {Count} document(s) left inconsistent by an earlier stop")]
    public static partial void Recovered(ILogger logger, int count);

    [LoggerMessage(1016, LogLevel.Warning, "The new version of document {DocumentId} was not committed; its served version was restored in every index")]
    public static partial void ReplaceRolledBack(ILogger logger, Guid documentId);

    [LoggerMessage(1017, LogLevel.Error, "Could not restore the served version of document {DocumentId} after a failed replacement; recovery at the next start rolls it back")]
    public static partial void RollbackFailed(ILogger logger, Exception exception, Guid documentId);

    [LoggerMessage(1010, LogLevel.Information, "Job {JobId} started: {Path} into {Collection}")]
    public static partial void JobStarted(ILogger logger, Guid jobId, string path, string collection);

    [LoggerMessage(1011, LogLevel.Information, "Job {JobId} ended {State}: {Added} added, {Updated} updated, {Unchanged} unchanged, {Failed} failed")]
    public static partial void JobEnded(ILogger logger, Guid jobId, Jobs.JobState state, int added, int updated, int unchanged, int failed);

    [LoggerMessage(1012, LogLevel.Error, "Job {JobId} failed")]
    public static partial void JobFailed(ILogger logger, Exception exception, Guid jobId);

    [LoggerMessage(1006, LogLevel.Error, "The indexes of collection {Collection} are damaged; it is not served until it is rebuilt (ragp index --rebuild)")]
    public static partial void CollectionDamaged(ILogger logger, Exception exception, string collection);

    [LoggerMessage(1013, LogLevel.Warning, "Job {JobId} was interrupted by the end of the server (attempt {Attempts}); re-queued")]
    public static partial void JobRequeued(ILogger logger, Guid jobId, int attempts);

    [LoggerMessage(1014, LogLevel.Error, "Job {JobId} was found Running at start-up and is not retried: {Reason}")]
    public static partial void JobAbandoned(ILogger logger, Guid jobId, string reason);

    [LoggerMessage(8101, LogLevel.Information, "Job {JobId} on collection {Collection} leased to worker {WorkerId}")]
    public static partial void JobLeased(ILogger logger, Guid jobId, string collection, string workerId);

    [LoggerMessage(8102, LogLevel.Warning, "Took back the jobs of dead workers: {Requeued} re-queued, {Failed} failed")]
    public static partial void LeasesExpired(ILogger logger, int requeued, int failed);

    [LoggerMessage(8103, LogLevel.Warning, "Could not renew the lease of job {JobId}; retrying at the next beat")]
    public static partial void HeartbeatFailed(ILogger logger, Exception exception, Guid jobId);

    [LoggerMessage(8104, LogLevel.Error, "Job {JobId} is no longer leased to worker {WorkerId} (its lease expired and it was taken back); stopping the run")]
    public static partial void LeaseLost(ILogger logger, Guid jobId, string workerId);

    [LoggerMessage(8105, LogLevel.Information, "Job {JobId} is leased to a live worker until {Until}; left to it")]
    public static partial void JobLeasedElsewhere(ILogger logger, Guid jobId, DateTimeOffset until);

    [LoggerMessage(8200, LogLevel.Information, "Deleted collection {Collection} with {Documents} documents")]
    public static partial void CollectionDeleted(ILogger logger, string collection, int documents);

    [LoggerMessage(8201, LogLevel.Information, "Renamed collection {Collection} to {NewName} ({Documents} documents); the index folders moved as they were")]
    public static partial void CollectionRenamed(ILogger logger, string collection, string newName, int documents);

    [LoggerMessage(8550, LogLevel.Warning, "Encoding a batch of {Documents} documents ahead of the writer failed; the writer encodes them again, one by one if need be")]
    public static partial void EncodeAheadFailed(ILogger logger, Exception exception, int documents);
}
