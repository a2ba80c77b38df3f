using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace RagPlatform.Indexer.Hosting;

/// <summary>
/// The CLI's log lines without <c>--verbose</c>: "warning: message" and the exception's own message, never its stack
/// trace (a failed file is one line; <c>--verbose</c> switches back to the full formatter).
/// </summary>
internal sealed class OneLineConsoleFormatter() : ConsoleFormatter(FormatterName)
{
    public const string FormatterName = "ragp-one-line";

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        var message = logEntry.Formatter(logEntry.State, logEntry.Exception);
        if (logEntry.Exception is { } ex && !message.Contains(ex.Message, StringComparison.Ordinal))
        {
            message = $"{message}: {ex.Message}";
        }

        var level = logEntry.LogLevel switch
        {
            LogLevel.Critical or LogLevel.Error => "error",
            LogLevel.Warning => "warning",
            _ => "info",
        };
        textWriter.WriteLine($"{level}: {message.ReplaceLineEndings(" ").Trim()}");
    }
}
