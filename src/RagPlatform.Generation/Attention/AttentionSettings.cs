using System.Globalization;

namespace RagPlatform.Generation.Attention;

/// <summary>
/// The attention policy per layer and its parameters. <see cref="Sinks"/> and <see cref="Window"/> apply to both
/// window and hsa layers; chunk size, top-k and the Quest (min/max landmark) variant to hsa layers.
/// </summary>
public sealed record AttentionSettings
{
    public AttentionKind Default { get; init; } = AttentionKind.Dense;

    /// <summary>Per-layer overrides (layer index to kind); layers not named use <see cref="Default"/>.</summary>
    public IReadOnlyDictionary<int, AttentionKind> Layers { get; init; } = new Dictionary<int, AttentionKind>();

    public int Sinks { get; init; } = 4;

    public int Window { get; init; } = 2048;

    public int ChunkSize { get; init; } = 64;

    public int TopK { get; init; } = 16;

    public bool Quest { get; init; }

    /// <summary>Tokens each KV head of a dsa layer selects beyond the sinks and the window.</summary>
    public int TopTokens { get; init; } = 1024;

    /// <summary>Slots of a window layer's ring in the step graph: the sinks and the window, the current token included (ADR 0016).</summary>
    public int RingSlots => Sinks + Window;

    public AttentionKind KindOf(int layer) => Layers.TryGetValue(layer, out var kind) ? kind : Default;

    public static AttentionKind ParseKind(string value) => value.ToLowerInvariant() switch
    {
        "dense" => AttentionKind.Dense,
        "window" => AttentionKind.Window,
        "hsa" => AttentionKind.Hsa,
        "dsa" => AttentionKind.Dsa,
        _ => throw new ArgumentException($"Unknown attention policy '{value}': expected dense, window, hsa or dsa."),
    };

    public void Validate()
    {
        if (Sinks < 0 || Window < 1 || ChunkSize < 1 || TopK < 0 || TopTokens < 0)
        {
            throw new ArgumentException("Attention settings need sinks >= 0, window >= 1, chunk size >= 1 and top-k >= 0.");
        }
    }

    /// <summary>A short key naming the graph layout these settings need (the built model is cached per key).</summary>
    public string GraphKey(int layers)
    {
        var kinds = string.Concat(Enumerable.Range(0, layers).Select(l => KindOf(l) switch
        {
            AttentionKind.Dense => 'd',
            AttentionKind.Window => 'w',
            AttentionKind.Dsa => 's',
            _ => 'h',
        }));
        var compact = kinds.Distinct().Count() == 1 ? kinds[..1] : kinds;
        // the step graph holds sinks, window and top-k as constants (window ring, hsa slots), so they name the build
        if (compact.Contains('h', StringComparison.Ordinal))
        {
            return string.Create(CultureInfo.InvariantCulture, $"{compact}-c{ChunkSize}-s{Sinks}-w{Window}-k{TopK}{(Quest ? "-quest" : "")}");
        }

        return compact.Contains('w', StringComparison.Ordinal)
            ? string.Create(CultureInfo.InvariantCulture, $"{compact}-s{Sinks}-w{Window}")
            : compact;
    }
}
