using System.Text.Json;

namespace RagPlatform.Generation.Checkpoints;

/// <summary>
/// Rotary position embedding settings: base theta and the rope_scaling variants of the Llama family
/// (none/default, linear, llama3, yarn). Produces the inverse frequencies and the cos/sin scale.
/// </summary>
public sealed record RopeSettings(
    double Theta,
    string Type,
    double Factor,
    double LowFreqFactor,
    double HighFreqFactor,
    int OriginalMaxPositions,
    double BetaFast,
    double BetaSlow,
    double? AttentionFactor)
{
    internal static RopeSettings Parse(JsonElement root, string path)
    {
        // transformers 5 writes "rope_parameters" (theta inside); earlier versions "rope_theta" and "rope_scaling".
        var hasParameters = root.TryGetProperty("rope_parameters", out var parameters) && parameters.ValueKind == JsonValueKind.Object;
        var theta = ModelConfig.Dbl(root, "rope_theta") ?? (hasParameters ? ModelConfig.Dbl(parameters, "rope_theta") : null) ?? 10000.0;
        var s = root.TryGetProperty("rope_scaling", out var scaling) && scaling.ValueKind == JsonValueKind.Object ? scaling : parameters;
        if (s.ValueKind != JsonValueKind.Object)
        {
            return new RopeSettings(theta, "default", 1, 1, 4, 8192, 32, 1, null);
        }

        var type = ModelConfig.Str(s, "rope_type") ?? ModelConfig.Str(s, "type") ?? "default";
        if (type is not ("default" or "linear" or "llama3" or "yarn"))
        {
            throw new InvalidDataException($"{path}: rope_scaling type '{type}' is not supported (default, linear, llama3, yarn).");
        }

        return new RopeSettings(
            theta,
            type,
            ModelConfig.Dbl(s, "factor") ?? 1.0,
            ModelConfig.Dbl(s, "low_freq_factor") ?? 1.0,
            ModelConfig.Dbl(s, "high_freq_factor") ?? 4.0,
            ModelConfig.Int(s, "original_max_position_embeddings") ?? ModelConfig.Int(root, "max_position_embeddings") ?? 8192,
            ModelConfig.Dbl(s, "beta_fast") ?? 32.0,
            ModelConfig.Dbl(s, "beta_slow") ?? 1.0,
            ModelConfig.Dbl(s, "attention_factor"));
    }

    /// <summary>The inverse frequencies (headDim / 2 of them) after scaling.</summary>
    public float[] InverseFrequencies(int headDim)
    {
        var half = headDim / 2;
        var inv = new double[half];
        for (var i = 0; i < half; i++)
        {
            inv[i] = 1.0 / Math.Pow(Theta, 2.0 * i / headDim);
        }

        switch (Type)
        {
            case "linear":
                for (var i = 0; i < half; i++)
                {
                    inv[i] /= Factor;
                }

                break;
            case "llama3":
                var lowWavelen = OriginalMaxPositions / LowFreqFactor;
                var highWavelen = OriginalMaxPositions / HighFreqFactor;
                for (var i = 0; i < half; i++)
                {
                    var wavelen = 2 * Math.PI / inv[i];
                    if (wavelen > lowWavelen)
                    {
                        inv[i] /= Factor;
                    }
                    else if (wavelen >= highWavelen)
                    {
                        var smooth = ((OriginalMaxPositions / wavelen) - LowFreqFactor) / (HighFreqFactor - LowFreqFactor);
                        inv[i] = ((1 - smooth) * inv[i] / Factor) + (smooth * inv[i]);
                    }
                }

                break;
            case "yarn":
                var low = Math.Max(0, Math.Floor(CorrectionDim(BetaFast, headDim)));
                var high = Math.Min(half - 1, Math.Ceiling(CorrectionDim(BetaSlow, headDim)));
                for (var i = 0; i < half; i++)
                {
                    var ramp = Math.Clamp((i - low) / Math.Max(high - low, 0.001), 0, 1);
                    var extrapolationWeight = 1 - ramp;
                    inv[i] = (inv[i] / Factor * (1 - extrapolationWeight)) + (inv[i] * extrapolationWeight);
                }

                break;
        }

        return inv.Select(v => (float)v).ToArray();
    }

    /// <summary>The factor cos and sin are multiplied by (yarn's attention scaling; 1 otherwise).</summary>
    public float CosSinScale => Type == "yarn"
        ? (float)(AttentionFactor ?? (Factor <= 1 ? 1.0 : (0.1 * Math.Log(Factor)) + 1.0))
        : 1f;

    private double CorrectionDim(double rotations, int headDim) =>
        headDim * Math.Log(OriginalMaxPositions / (rotations * 2 * Math.PI)) / (2 * Math.Log(Theta));
}
