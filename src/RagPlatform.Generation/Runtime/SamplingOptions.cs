namespace RagPlatform.Generation.Runtime;

/// <summary>How the next token is chosen: greedy when <see cref="Temperature"/> is 0.</summary>
public sealed record SamplingOptions
{
    public float Temperature { get; init; }

    /// <summary>Keep only the k most likely tokens (0: all).</summary>
    public int TopK { get; init; }

    /// <summary>Keep the smallest set of tokens whose probability reaches p (1: all).</summary>
    public float TopP { get; init; } = 1f;

    /// <summary>Divides positive logits (multiplies negative ones) of tokens already seen; 1 is off.</summary>
    public float RepetitionPenalty { get; init; } = 1f;

    public int? Seed { get; init; }
}
