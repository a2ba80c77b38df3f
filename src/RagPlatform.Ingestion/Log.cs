using Microsoft.Extensions.Logging;

namespace RagPlatform.Ingestion;

/// <summary>Ingestion's log messages; event ids 2000-2999.</summary>
internal static partial class Log
{
    [LoggerMessage(2001, LogLevel.Debug, "Decoded {FileName}: {Pages} pages, {Chars} characters, {Sections} sections")]
    public static partial void Decoded(ILogger logger, string fileName, int pages, int chars, int sections);
}
