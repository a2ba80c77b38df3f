namespace RagPlatform.Generation.Runtime;

/// <summary>Chooses the next token from logits: repetition penalty, then greedy or temperature/top-k/top-p sampling.</summary>
public sealed class TokenSampler(SamplingOptions options)
{
    private readonly Random _random = options.Seed is { } seed ? new Random(seed) : new Random();

    public int Next(float[] logits, IReadOnlyCollection<long> seen)
    {
        if (options.RepetitionPenalty != 1f)
        {
            foreach (var token in seen.Distinct())
            {
                ref var l = ref logits[token];
                l = l > 0 ? l / options.RepetitionPenalty : l * options.RepetitionPenalty;
            }
        }

        if (options.Temperature <= 0)
        {
            return ArgMax(logits);
        }

        var order = Enumerable.Range(0, logits.Length).OrderByDescending(i => logits[i]).ToArray();
        var keep = options.TopK > 0 ? Math.Min(options.TopK, order.Length) : order.Length;
        var max = logits[order[0]];
        var probs = new double[keep];
        var sum = 0.0;
        for (var i = 0; i < keep; i++)
        {
            probs[i] = Math.Exp((logits[order[i]] - max) / options.Temperature);
            sum += probs[i];
        }

        var cumulative = 0.0;
        for (var i = 0; i < keep; i++)
        {
            probs[i] /= sum;
            cumulative += probs[i];
            if (cumulative >= options.TopP)
            {
                keep = i + 1;
                break;
            }
        }

        var total = probs.Take(keep).Sum();
        var draw = _random.NextDouble() * total;
        for (var i = 0; i < keep; i++)
        {
            draw -= probs[i];
            if (draw <= 0)
            {
                return order[i];
            }
        }

        return order[keep - 1];
    }

    public static int ArgMax(ReadOnlySpan<float> logits)
    {
        var best = 0;
        for (var i = 1; i < logits.Length; i++)
        {
            if (logits[i] > logits[best])
            {
                best = i;
            }
        }

        return best;
    }
}
