using System.CommandLine;
using RagPlatform.Generation.Benchmarks;

namespace RagPlatform.Indexer.Commands;

/// <summary>
/// <c>ragp bench --generator --model DIR [--device cuda] [--contexts 4096,32768,...] [--policies dense,window,hsa]
/// [--weights float|int8] [--prefill-contexts 32768,131072] [--decode-tokens N] [--bandwidth BYTES/S]</c>: the local
/// generator's decode and prefill speed per attention policy and context, bytes read per step and the bandwidth bound
/// (issue 15). Needs no data directory: prints its own JSON report.
/// </summary>
internal sealed record GeneratorBenchOptions(
    Option<bool> Enabled, Option<string> Device, Option<string> Contexts, Option<string> Policies, Option<string> Weights,
    Option<string?> PrefillContexts, Option<int> DecodeTokens, Option<int> PromptTokens, Option<double> Bandwidth)
{
    public static GeneratorBenchOptions Add(Command command)
    {
        var o = new GeneratorBenchOptions(
            new Option<bool>("--generator") { Description = "Benchmark the local generator on the checkpoint given by --model" },
            new Option<string>("--device") { Description = "With --generator: cpu or cuda", DefaultValueFactory = _ => "cuda" },
            new Option<string>("--contexts") { Description = "With --generator: context lengths, comma-separated", DefaultValueFactory = _ => "4096,32768,131072,1048576" },
            new Option<string>("--policies") { Description = "With --generator: attention policies, comma-separated", DefaultValueFactory = _ => "dense,window,hsa" },
            new Option<string>("--weights") { Description = "With --generator: float or int8", DefaultValueFactory = _ => "float" },
            new Option<string?>("--prefill-contexts") { Description = "With --generator: whole-prompt prefill lengths (dense), comma-separated" },
            new Option<int>("--decode-tokens") { Description = "With --generator: tokens decoded per cell (rate over all but the first 3)", DefaultValueFactory = _ => 131 },
            new Option<int>("--prompt-tokens") { Description = "With --generator: real prompt tokens after the synthetic context", DefaultValueFactory = _ => 256 },
            new Option<double>("--bandwidth") { Description = "With --generator: memory bandwidth in bytes/s for the bound (H200: 4.8e12)", DefaultValueFactory = _ => 4.8e12 });
        command.Options.Add(o.Enabled);
        command.Options.Add(o.Device);
        command.Options.Add(o.Contexts);
        command.Options.Add(o.Policies);
        command.Options.Add(o.Weights);
        command.Options.Add(o.PrefillContexts);
        command.Options.Add(o.DecodeTokens);
        command.Options.Add(o.PromptTokens);
        command.Options.Add(o.Bandwidth);
        return o;
    }

    public static async Task<int> RunAsync(CliConsole console, ParseResult parse, GeneratorBenchOptions o, string? model, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(model))
        {
            throw new ArgumentException("bench --generator needs --model DIR (a checkpoint folder).");
        }

        var device = parse.GetValue(o.Device)!;
        var weights = parse.GetValue(o.Weights)!;
        if (device is not ("cpu" or "cuda") || weights is not ("float" or "int8"))
        {
            throw new ArgumentException("--device is cpu or cuda, --weights float or int8.");
        }

        var settings = new GeneratorBenchSettings
        {
            ModelPath = model,
            Device = device,
            Weights = weights,
            Contexts = Numbers(parse.GetValue(o.Contexts)),
            Policies = [.. parse.GetValue(o.Policies)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)],
            PrefillContexts = parse.GetValue(o.PrefillContexts) is { } p ? Numbers(p) : [],
            DecodeTokens = Math.Max(4, parse.GetValue(o.DecodeTokens)),
            PromptTokens = Math.Max(1, parse.GetValue(o.PromptTokens)),
            BandwidthBytesPerSecond = parse.GetValue(o.Bandwidth),
        };
        foreach (var policy in settings.Policies)
        {
            Generation.Attention.AttentionSettings.ParseKind(policy); // an unknown policy is an error, never a fallback
        }

        var report = await Task.Run(() => GeneratorBenchmark.Run(settings, line => console.Error.WriteLine(line), ct), ct);
        await console.WriteJsonAsync(report);
        return ExitCodes.Done;
    }

    private static int[] Numbers(string? list) =>
        [.. (list ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(v => int.Parse(v, System.Globalization.CultureInfo.InvariantCulture))];
}
