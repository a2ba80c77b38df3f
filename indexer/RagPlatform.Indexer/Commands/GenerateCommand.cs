using System.CommandLine;
using System.Runtime.InteropServices;
using RagPlatform.Core.Errors;
using RagPlatform.Generation;
using RagPlatform.Generation.Runtime;

namespace RagPlatform.Indexer.Commands;

/// <summary>
/// <c>ragp generate --model DIR --prompt TEXT [--max-tokens N] [--attention dense|window|hsa|dsa] [--device cpu|cuda] [--seed S]</c>:
/// the local ONNX generator on a raw prompt (no template). <c>--random-prompt N</c> uses N seeded random token ids
/// instead, for speed measurements at long context.
/// </summary>
internal static class GenerateCommand
{
    public static Command Create(CliConsole console)
    {
        var model = new Option<string>("--model") { Description = "Checkpoint folder (config.json, *.safetensors, tokenizer.json)", Required = true };
        var prompt = new Option<string?>("--prompt") { Description = "The raw prompt" };
        var randomPrompt = new Option<int?>("--random-prompt") { Description = "Use N seeded random token ids as the prompt (benchmarks)" };
        var maxTokens = new Option<int>("--max-tokens") { Description = "Most tokens to generate", DefaultValueFactory = _ => 64 };
        var attention = new Option<string>("--attention") { Description = "dense, window, hsa or dsa", DefaultValueFactory = _ => "dense" };
        var device = new Option<string>("--device") { Description = "cpu or cuda", DefaultValueFactory = _ => "cpu" };
        var seed = new Option<int?>("--seed") { Description = "Sampling seed" };
        var temperature = new Option<float>("--temperature") { Description = "Sampling temperature (0: greedy)" };
        var topP = new Option<float>("--top-p") { Description = "Nucleus sampling threshold", DefaultValueFactory = _ => 1f };
        var topK = new Option<int>("--top-k") { Description = "Sample among the k most likely tokens (0: all)" };
        var penalty = new Option<float>("--repetition-penalty") { Description = "Penalty for tokens already seen (1: off)", DefaultValueFactory = _ => 1f };
        var stop = new Option<string[]>("--stop") { Description = "Stop sequence (repeatable)", AllowMultipleArgumentsPerToken = false };
        var context = new Option<int?>("--context") { Description = "KV cache budget in tokens (default: prompt + max tokens)" };
        var sinks = new Option<int>("--sinks") { DefaultValueFactory = _ => 4, Description = "Attention sinks (window, hsa)" };
        var window = new Option<int>("--window") { DefaultValueFactory = _ => 2048, Description = "Sliding window (window, hsa)" };
        var chunk = new Option<int>("--chunk-size") { DefaultValueFactory = _ => 64, Description = "Chunk size (hsa)" };
        var chunks = new Option<int>("--chunks") { DefaultValueFactory = _ => 16, Description = "Top-k chunks per KV head (hsa)" };
        var topTokens = new Option<int>("--top-tokens") { DefaultValueFactory = _ => 1024, Description = "Top-k tokens per KV head (dsa)" };
        var quest = new Option<bool>("--quest") { Description = "Quest min/max landmarks instead of mean keys (hsa)" };
        var prefillBlock = new Option<int>("--prefill-block") { DefaultValueFactory = _ => 512, Description = "Prefill block size" };
        var synthetic = new Option<int>("--synthetic-context") { Description = "Benchmarks: mark N cache rows filled without computing them before the prompt" };
        var noCudaGraph = new Option<bool>("--no-cuda-graph") { Description = "On CUDA, run every decode step through the dynamic graph (no CUDA-graph capture)" };
        var logitsOut = new Option<string?>("--logits-out") { Description = "Write the logits after the prompt (float32, little-endian) to this file" };
        var command = new Command("generate", "Run the local ONNX generator on a raw prompt")
        {
            model, prompt, randomPrompt, maxTokens, attention, device, seed, temperature, topP, topK, penalty, stop, context,
            sinks, window, chunk, chunks, quest, prefillBlock, logitsOut, synthetic, noCudaGraph, topTokens,
        };
        command.SetAction(async (parse, ct) =>
        {
            if (parse.GetValue(prompt) is null == parse.GetValue(randomPrompt) is null)
            {
                await console.Error.WriteLineAsync("error: give exactly one of --prompt and --random-prompt");
                return ExitCodes.CouldNotRun;
            }

            var options = new GeneratorOptions
            {
                ModelPath = parse.GetValue(model),
                Device = parse.GetValue(device)!,
                Attention = parse.GetValue(attention)!,
                Sinks = parse.GetValue(sinks),
                Window = parse.GetValue(window),
                ChunkSize = parse.GetValue(chunk),
                TopK = parse.GetValue(chunks),
                Quest = parse.GetValue(quest),
                TopTokens = parse.GetValue(topTokens),
                PrefillBlock = parse.GetValue(prefillBlock),
                MaxNewTokens = parse.GetValue(maxTokens),
                CudaGraph = !parse.GetValue(noCudaGraph),
            };
            try
            {
                return await RunAsync(console, parse, options, ct);
            }
            catch (Exception ex) when (ex is RagPlatformException or IOException or InvalidDataException or ArgumentException or InvalidOperationException
                or UnauthorizedAccessException)
            {
                await console.Error.WriteLineAsync($"error: {ex.Message.ReplaceLineEndings(" ")}");
                return ExitCodes.CouldNotRun;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The runtime's own failures mid-run (out of device memory, say): one line, as the other verbs do.
                await console.Error.WriteLineAsync($"error: {ex.GetType().Name}: {ex.Message.ReplaceLineEndings(" ")}");
                return ExitCodes.CouldNotRun;
            }
        });
        return command;

        async Task<int> RunAsync(CliConsole console, ParseResult parse, GeneratorOptions options, CancellationToken ct)
        {
            long[]? tokens = parse.GetValue(randomPrompt) is { } count ? RandomTokens(count, options.ModelPath!, parse.GetValue(seed) ?? 0) : null;
            options.ContextTokens = parse.GetValue(context) ?? ((tokens?.Length ?? 0) + parse.GetValue(synthetic) + options.MaxNewTokens + 4096);
            using var generator = LocalGenerator.Open(options);
            tokens ??= generator.Tokenizer.Encode(parse.GetValue(prompt)!);
            if (parse.GetValue(context) is null && tokens.Length + options.MaxNewTokens > options.ContextTokens)
            {
                throw new ArgumentException($"The prompt has {tokens.Length} tokens; give --context of at least {tokens.Length + options.MaxNewTokens}.");
            }

            if (parse.GetValue(logitsOut) is { } path)
            {
                await WriteLogitsAsync(generator, tokens, options.PrefillBlock, path, ct);
            }

            var result = await generator.Generator.GenerateAsync(new GenerationRequest(tokens)
            {
                MaxNewTokens = options.MaxNewTokens,
                SyntheticContext = parse.GetValue(synthetic),
                StopSequences = parse.GetValue(stop) ?? [],
                Sampling = new SamplingOptions
                {
                    Temperature = parse.GetValue(temperature),
                    TopP = parse.GetValue(topP),
                    TopK = parse.GetValue(topK),
                    RepetitionPenalty = parse.GetValue(penalty),
                    Seed = parse.GetValue(seed),
                },
            }, ct);
            if (parse.GetValue(GlobalOptions.Json))
            {
                await console.WriteJsonAsync(new
                {
                    model = options.ModelPath,
                    attention = options.Attention,
                    promptTokens = result.PromptTokens,
                    tokens = result.Tokens,
                    text = result.Text,
                    prefillTokensPerSecond = result.PrefillTokensPerSecond,
                    decodeTokensPerSecond = result.DecodeTokensPerSecond,
                    kvCacheBytes = generator.Session.CacheBytes,
                    cudaGraph = generator.Session.UsesFixedStep && generator.Session.Device == ExecutionDevice.Cuda,
                    contextTokens = options.ContextTokens,
                });
            }
            else
            {
                await console.Out.WriteLineAsync(result.Text);
                await console.Error.WriteLineAsync(
                    $"{result.PromptTokens.Count} prompt tokens at {result.PrefillTokensPerSecond:F1} tok/s, {result.Tokens.Count} generated at {result.DecodeTokensPerSecond:F1} tok/s ({result.FinishReason})");
            }

            return ExitCodes.Done;
        }
    }

    private static long[] RandomTokens(int count, string modelPath, int seed)
    {
        var config = Generation.Checkpoints.ModelConfig.Load(Path.Combine(modelPath, "config.json"));
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => (long)random.Next(0, config.VocabSize)).ToArray();
    }

    private static async Task WriteLogitsAsync(LocalGenerator generator, long[] tokens, int block, string path, CancellationToken ct)
    {
        generator.Session.Reset();
        float[] logits = [];
        for (var start = 0; start < tokens.Length; start += block)
        {
            ct.ThrowIfCancellationRequested();
            logits = generator.Session.Forward(tokens.AsSpan(start, Math.Min(block, tokens.Length - start)));
        }

        await File.WriteAllBytesAsync(path, MemoryMarshal.AsBytes(logits.AsSpan()).ToArray(), ct);
    }
}
