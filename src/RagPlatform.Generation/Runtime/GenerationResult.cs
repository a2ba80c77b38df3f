namespace RagPlatform.Generation.Runtime;

/// <summary>A finished generation with its speed (prefill and decode measured separately).</summary>
public sealed record GenerationResult(
    IReadOnlyList<long> PromptTokens,
    IReadOnlyList<int> Tokens,
    string Text,
    string FinishReason,
    double PrefillTokensPerSecond,
    double DecodeTokensPerSecond);
