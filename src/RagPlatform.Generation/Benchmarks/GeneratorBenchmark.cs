using System.Diagnostics;
using RagPlatform.Generation.Attention;
using RagPlatform.Generation.Checkpoints;
using RagPlatform.Generation.Runtime;

namespace RagPlatform.Generation.Benchmarks;

/// <summary>What <c>ragp bench --generator</c> measures: the model, device, policies and contexts.</summary>
public sealed record GeneratorBenchSettings
{
    public required string ModelPath { get; init; }

    public string Device { get; init; } = "cuda";

    public IReadOnlyList<int> Contexts { get; init; } = [4096, 32768, 131072, 1048576];

    public IReadOnlyList<string> Policies { get; init; } = ["dense", "window", "hsa"];

    /// <summary>"float" or "int8" (see <see cref="GeneratorOptions.Weights"/>).</summary>
    public string Weights { get; init; } = "float";

    /// <summary>Real prompt tokens prefilled after the synthetic context (the rest of each context is marked filled, not computed).</summary>
    public int PromptTokens { get; init; } = 256;

    /// <summary>Tokens decoded per cell; the rate is taken over all but the first three (CUDA-graph capture and warm-up).</summary>
    public int DecodeTokens { get; init; } = 131;

    /// <summary>Whole-prompt prefill lengths measured with dense attention (blocks of at most 65,536 tokens).</summary>
    public IReadOnlyList<int> PrefillContexts { get; init; } = [];

    /// <summary>Memory bandwidth for the bound, bytes/s (H200: 4.8e12).</summary>
    public double BandwidthBytesPerSecond { get; init; } = 4.8e12;

    public bool CudaGraph { get; init; } = true;

    public int Sinks { get; init; } = 4;

    public int Window { get; init; } = 2048;

    public int ChunkSize { get; init; } = 64;

    public int TopK { get; init; } = 16;

    public int TopTokens { get; init; } = 1024;
}

/// <summary>One policy at one context: decode tok/s, the prompt's prefill rate, bytes a decode step reads and the bound they give.</summary>
public sealed record GeneratorBenchRow(
    string Shape, int Context, string Policy, double OursTokensPerSecond, double PrefillTokensPerSecond, long BytesPerStep,
    double BoundTokensPerSecond, double FractionOfBound, bool CudaGraph, long KvCacheBytes);

/// <summary>A whole-prompt prefill (dense): tokens and seconds.</summary>
public sealed record GeneratorPrefillRow(string Shape, int Tokens, double Seconds, double TokensPerSecond);

public sealed record GeneratorBenchReport(
    DateTimeOffset Date, string Device, string Model, string Weights, long Parameters, double BandwidthBytesPerSecond,
    IReadOnlyList<GeneratorBenchRow> Rows, IReadOnlyList<GeneratorPrefillRow> Prefill);

/// <summary>
/// Decode and prefill speed of the local generator per attention policy and context (the issue 15 side-by-side's
/// "ours" rows), with the bytes a decode step reads: every weight once plus the KV rows the policy attends (dense: the
/// whole context; window: sinks + window; hsa: sinks + window + top-k chunks, plus one landmark per chunk; dsa: every
/// key for the indexer plus the selected rows), and the memory-bandwidth bound those bytes give.
/// </summary>
public static class GeneratorBenchmark
{
    public static GeneratorBenchReport Run(GeneratorBenchSettings s, Action<string>? progress = null, CancellationToken cancellationToken = default)
    {
        ModelConfig config;
        long parameters;
        using (var checkpoint = Checkpoint.Open(s.ModelPath))
        {
            config = checkpoint.Config;
            parameters = checkpoint.ParameterCount;
        }

        var shape = Path.GetFileName(Path.TrimEndingDirectorySeparator(s.ModelPath));
        var rows = new List<GeneratorBenchRow>();
        var random = new Random(0);
        foreach (var context in s.Contexts)
        {
            if (context < s.PromptTokens + 1)
            {
                throw new ArgumentException($"Context {context} is shorter than the {s.PromptTokens}-token prompt.");
            }

            foreach (var policy in s.Policies)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var options = Options(s, policy, context + s.DecodeTokens + 8);
                using var generator = LocalGenerator.Open(options);
                var session = generator.Session;
                session.FillSynthetic(context - s.PromptTokens);
                var prompt = Enumerable.Range(0, s.PromptTokens).Select(_ => (long)random.Next(config.VocabSize)).ToArray();
                var clock = Stopwatch.StartNew();
                float[] logits = [];
                for (var start = 0; start < prompt.Length; start += options.PrefillBlock)
                {
                    logits = session.Forward(prompt.AsSpan(start, Math.Min(options.PrefillBlock, prompt.Length - start)));
                }

                var prefill = prompt.Length / clock.Elapsed.TotalSeconds;
                var timed = 0;
                for (var i = 0; i < s.DecodeTokens; i++)
                {
                    if (i == Math.Min(3, s.DecodeTokens - 1))
                    {
                        clock.Restart();
                        timed = 0;
                    }

                    logits = session.Forward([TokenSampler.ArgMax(logits)]);
                    timed++;
                }

                var decode = timed / clock.Elapsed.TotalSeconds;
                var bytes = BytesPerStep(config, parameters, options.ToAttention(), context, s.Weights, s.Device);
                var bound = s.BandwidthBytesPerSecond / bytes;
                var row = new GeneratorBenchRow(shape, context, policy, Math.Round(decode, 1), Math.Round(prefill, 1), bytes, Math.Round(bound, 1),
                    Math.Round(decode / bound, 3), session.UsesFixedStep && session.Device == ExecutionDevice.Cuda, session.CacheBytes);
                progress?.Invoke($"{shape} {policy} {context}: {row.OursTokensPerSecond} tok/s ({row.FractionOfBound:P0} of the bound)");
                rows.Add(row);
            }
        }

        var prefills = new List<GeneratorPrefillRow>();
        foreach (var tokens in s.PrefillContexts)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var options = Options(s, "dense", tokens + 16);
            options.PrefillBlock = Math.Min(tokens, 65536);
            using var generator = LocalGenerator.Open(options);
            var prompt = Enumerable.Range(0, tokens).Select(_ => (long)random.Next(config.VocabSize)).ToArray();
            var clock = Stopwatch.StartNew();
            for (var start = 0; start < tokens; start += options.PrefillBlock)
            {
                generator.Session.Forward(prompt.AsSpan(start, Math.Min(options.PrefillBlock, tokens - start)));
            }

            var seconds = clock.Elapsed.TotalSeconds;
            prefills.Add(new GeneratorPrefillRow(shape, tokens, Math.Round(seconds, 3), Math.Round(tokens / seconds, 1)));
            progress?.Invoke($"{shape} prefill {tokens}: {seconds:F2} s");
        }

        return new GeneratorBenchReport(DateTimeOffset.UtcNow, s.Device, s.ModelPath, s.Weights, parameters, s.BandwidthBytesPerSecond, rows, prefills);
    }

    private static GeneratorOptions Options(GeneratorBenchSettings s, string policy, int capacity) => new()
    {
        ModelPath = s.ModelPath,
        Device = s.Device,
        Attention = policy,
        ContextTokens = capacity,
        PrefillBlock = 512,
        Sinks = s.Sinks,
        Window = s.Window,
        ChunkSize = s.ChunkSize,
        TopK = s.TopK,
        TopTokens = s.TopTokens,
        CudaGraph = s.CudaGraph,
        Weights = s.Weights,
    };

    /// <summary>
    /// Bytes one decode step reads at <paramref name="context"/>: the weights (float: 2 bytes a parameter on CUDA, 4 on
    /// the CPU; int8: one byte plus the block's scale and zero point per 32) and the KV rows the policy attends.
    /// </summary>
    public static long BytesPerStep(ModelConfig c, long parameters, AttentionSettings a, int context, string weights, string device)
    {
        var element = device == "cuda" ? 2 : 4;
        var weightBytes = weights == "int8" ? parameters + (parameters * (element + 1) / DecoderGraphBuilderInfo.QuantBlock) : parameters * element;
        long row = (long)c.NumKvHeads * c.HeadDim * element; // one token's key (or value) in one layer
        long kv = 0;
        for (var l = 0; l < c.NumLayers; l++)
        {
            kv += a.KindOf(l) switch
            {
                AttentionKind.Dense => 2L * context * row,
                AttentionKind.Window => 2L * Math.Min(context, a.Sinks + a.Window) * row,
                AttentionKind.Hsa => (2L * Math.Min(context, a.Sinks + a.Window + ((long)a.TopK * a.ChunkSize)) * row) + ((context / a.ChunkSize) * row),
                _ => ((long)context * row) + (2L * Math.Min(context, a.Sinks + a.Window + a.TopTokens) * row),
            };
        }

        return weightBytes + kv;
    }
}

/// <summary>The int8 block size, public for the bench (the builder is internal).</summary>
internal static class DecoderGraphBuilderInfo
{
    public const int QuantBlock = Building.DecoderGraphBuilder.QuantBlock;
}
