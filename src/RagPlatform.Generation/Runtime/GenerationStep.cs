namespace RagPlatform.Generation.Runtime;

/// <summary>A streamed token with the finish reason on the last one and the speeds so far.</summary>
public sealed record GenerationStep(GeneratedToken Token, string? FinishReason, double PrefillTokensPerSecond, double DecodeTokensPerSecond);
