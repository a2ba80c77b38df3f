using Microsoft.Extensions.Logging;

namespace RagPlatform.Storage;

/// <summary>Storage's log messages; event ids 4000-4999.</summary>
internal static partial class Log
{
    [LoggerMessage(4001, LogLevel.Information, "Metadata database ready ({Provider}); applied {Count} migration(s)")]
    public static partial void Migrated(ILogger logger, string provider, int count);

    [LoggerMessage(4002, LogLevel.Debug, "Saved {Documents} document(s) with {Chunks} chunk(s)")]
    public static partial void DocumentsSaved(ILogger logger, int documents, int chunks);

    [LoggerMessage(4003, LogLevel.Information, "Claimed job {JobId}")]
    public static partial void JobClaimed(ILogger logger, Guid jobId);

    [LoggerMessage(8110, LogLevel.Warning, "Ignored a write to job {JobId} by worker {WorkerId}, which no longer holds its lease")]
    public static partial void StaleJobWrite(ILogger logger, Guid jobId, string workerId);
}
