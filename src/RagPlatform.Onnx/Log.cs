using Microsoft.Extensions.Logging;

namespace RagPlatform.Onnx;

/// <summary>Onnx's log messages; event ids 5000-5999.</summary>
internal static partial class Log
{
    [LoggerMessage(5001, LogLevel.Information, "Loaded embedding model {Model} ({Sha256}), {Dimensions} dims, {Device}, {Threads} threads")]
    public static partial void ModelLoaded(ILogger logger, string model, string sha256, int dimensions, string device, int threads);

    [LoggerMessage(5002, LogLevel.Debug, "Embedded {Texts} texts, {Tokens} tokens in {Batches} batches")]
    public static partial void Embedded(ILogger logger, int texts, int tokens, int batches);
}
