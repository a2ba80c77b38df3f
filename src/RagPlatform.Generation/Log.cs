using Microsoft.Extensions.Logging;

namespace RagPlatform.Generation;

/// <summary>Generation's log messages; event ids 7000-7999.</summary>
internal static partial class Log
{
    [LoggerMessage(7001, LogLevel.Information, "Chat model {Model} at {Host} (timeouts: request {TimeoutSeconds} s, first token {FirstTokenSeconds} s, idle {IdleSeconds} s, retries {Retries})")]
    public static partial void ChatEndpoint(ILogger logger, string model, string host, int timeoutSeconds, int firstTokenSeconds, int idleSeconds, int retries);

    [LoggerMessage(7002, LogLevel.Information, "Chat:Endpoint is set but Answer:Generator is onnx and Generator:ModelPath is set: the local generator answers and the endpoint is not used")]
    public static partial void EndpointUnused(ILogger logger);

    [LoggerMessage(7003, LogLevel.Warning, "Chat model request failed: {Reason}")]
    public static partial void ChatFailed(ILogger logger, string reason);
}
