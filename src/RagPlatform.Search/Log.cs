using Microsoft.Extensions.Logging;

namespace RagPlatform.Search;

/// <summary>Search's log messages; event ids 3000-3999.</summary>
internal static partial class Log
{
    [LoggerMessage(3001, LogLevel.Debug, "bm25 {Collection}: upserted {Documents} document(s), {Chunks} chunk(s)")]
    public static partial void Bm25Upserted(ILogger logger, string collection, int documents, int chunks);

    [LoggerMessage(3002, LogLevel.Information, "bm25 {Collection}: dropped")]
    public static partial void Bm25Dropped(ILogger logger, string collection);

    [LoggerMessage(3003, LogLevel.Warning, "bm25 {Collection}: index locked by another process")]
    public static partial void Bm25Locked(ILogger logger, Exception exception, string collection);

    [LoggerMessage(3004, LogLevel.Error, "bm25 {Collection}: index corrupt")]
    public static partial void Bm25Corrupt(ILogger logger, Exception exception, string collection);
}
