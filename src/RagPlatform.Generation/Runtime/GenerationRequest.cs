namespace RagPlatform.Generation.Runtime;

/// <summary>One generation: the prompt's token ids, how many tokens at most, sampling and stop sequences.</summary>
public sealed record GenerationRequest(IReadOnlyList<long> PromptTokens)
{
    public int MaxNewTokens { get; init; } = 256;

    public SamplingOptions Sampling { get; init; } = new();

    public IReadOnlyList<string> StopSequences { get; init; } = [];

    /// <summary>Benchmarks only: cache rows marked filled (not computed) before the prompt; see <see cref="DecoderSession.FillSynthetic"/>.</summary>
    public int SyntheticContext { get; init; }
}
