namespace RagPlatform.Generation.Attention;

/// <summary>
/// What one decoder step attends, computed on the host from the cache length and the settings: the past rows each
/// policy gathers and the additive masks (0 or <see cref="Masked"/>). Everything here is O(sinks + window + block),
/// never O(context).
/// </summary>
public sealed class StepPlan
{
    public const float Masked = -1e9f;

    private StepPlan(long[] positions, float[] causal)
    {
        Positions = positions;
        Causal = causal;
    }

    /// <summary>Absolute positions of the block's tokens.</summary>
    public long[] Positions { get; }

    /// <summary>[n, n] causal mask over the block.</summary>
    public float[] Causal { get; }

    public long[] WindowRows { get; private init; } = [];

    /// <summary>[n, WindowRows] mask: a past row is visible when it is a sink or within the window of the query.</summary>
    public float[] WindowPastMask { get; private init; } = [];

    /// <summary>[n, n] causal and window mask over the block.</summary>
    public float[] WindowNewMask { get; private init; } = [];

    public long[] HsaSinkRows { get; private init; } = [];

    public long[] HsaLocalRows { get; private init; } = [];

    /// <summary>Chunks eligible for top-k selection (entirely older than the local window).</summary>
    public int HsaCandidateChunks { get; private init; }

    /// <summary>Chunks taken per KV head this step: min(top-k, candidates).</summary>
    public int HsaTopK { get; private init; }

    public long[] DsaLocalRows { get; private init; } = [];

    /// <summary>The dsa indexer's candidates: cached rows [start, end) between the sinks and the local window.</summary>
    public long DsaCandidateStart { get; private init; }

    public long DsaCandidateEnd { get; private init; }

    /// <summary>Tokens taken per KV head this step: min(top tokens, candidates).</summary>
    public int DsaTopK { get; private init; }

    public static StepPlan Create(int past, int count, AttentionSettings s)
    {
        var positions = new long[count];
        var causal = new float[count * count];
        for (var i = 0; i < count; i++)
        {
            positions[i] = past + i;
            for (var j = 0; j < count; j++)
            {
                causal[(i * count) + j] = j <= i ? 0 : Masked;
            }
        }

        var sinkCount = Math.Min(s.Sinks, past);
        var windowStart = Math.Max(s.Sinks, past - s.Window + 1);
        var windowRows = Range(0, sinkCount).Concat(Range(windowStart, past)).ToArray();
        var pastMask = new float[count * windowRows.Length];
        var newMask = new float[count * count];
        for (var i = 0; i < count; i++)
        {
            var p = past + i;
            for (var m = 0; m < windowRows.Length; m++)
            {
                pastMask[(i * windowRows.Length) + m] = Visible(p, windowRows[m], s) ? 0 : Masked;
            }

            for (var j = 0; j < count; j++)
            {
                newMask[(i * count) + j] = j <= i && Visible(p, past + j, s) ? 0 : Masked;
            }
        }

        var candidates = past - s.Window - s.Sinks > 0 ? (past - s.Window - s.Sinks) / s.ChunkSize : 0;
        var localStart = Math.Min(past, s.Sinks + (candidates * s.ChunkSize));
        var dsaEnd = Math.Min(past, Math.Max(sinkCount, windowStart));
        return new StepPlan(positions, causal)
        {
            WindowRows = windowRows,
            WindowPastMask = pastMask,
            WindowNewMask = newMask,
            HsaSinkRows = Range(0, sinkCount).ToArray(),
            HsaLocalRows = Range(localStart, past).ToArray(),
            HsaCandidateChunks = candidates,
            HsaTopK = Math.Min(s.TopK, candidates),
            DsaLocalRows = Range(dsaEnd, past).ToArray(),
            DsaCandidateStart = sinkCount,
            DsaCandidateEnd = dsaEnd,
            DsaTopK = (int)Math.Min(s.TopTokens, dsaEnd - sinkCount),
        };
    }

    /// <summary>The window policy's rule: a key is visible to a query when it is a sink or within the window.</summary>
    public static bool Visible(long query, long key, AttentionSettings s) => key <= query && (key < s.Sinks || query - key < s.Window);

    private static IEnumerable<long> Range(long from, long to)
    {
        for (var i = from; i < to; i++)
        {
            yield return i;
        }
    }
}
