using System.Diagnostics;
using System.Runtime.CompilerServices;
using RagPlatform.Core.Errors;
using RagPlatform.Generation.Checkpoints;
using RagPlatform.Generation.Tokenization;

namespace RagPlatform.Generation.Runtime;

/// <summary>
/// The generation loop: blocked prefill, then one decode step per token with sampling, stop at EOS, a stop
/// sequence, the token limit or the context budget; tokens stream as they come and cancellation is checked
/// between steps.
/// </summary>
public sealed class TextGenerator(DecoderSession session, ModelTokenizer tokenizer, ModelConfig config, int prefillBlock) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public ModelTokenizer Tokenizer => tokenizer;

    public ModelConfig Config => config;

    public async Task<GenerationResult> GenerateAsync(GenerationRequest request, CancellationToken cancellationToken)
    {
        var tokens = new List<int>();
        var finish = "length";
        double prefillRate = 0, decodeRate = 0;
        await foreach (var step in StreamAsync(request, cancellationToken).ConfigureAwait(false))
        {
            tokens.Add(step.Token.Id);
            finish = step.FinishReason ?? finish;
            prefillRate = step.PrefillTokensPerSecond;
            decodeRate = step.DecodeTokensPerSecond;
        }

        var text = TrimStop(tokenizer.Decode(tokens), request.StopSequences);
        return new GenerationResult(request.PromptTokens, tokens, text, finish, prefillRate, decodeRate);
    }

    /// <summary>Streams tokens; the last one carries the finish reason ("stop" or "length").</summary>
    public async IAsyncEnumerable<GenerationStep> StreamAsync(GenerationRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (request.PromptTokens.Count == 0)
        {
            throw new ArgumentException("The prompt encodes to no tokens.", nameof(request));
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            session.FillSynthetic(request.SyntheticContext);
            var budget = Math.Min(request.MaxNewTokens, session.Capacity - request.SyntheticContext - request.PromptTokens.Count);
            if (budget <= 0)
            {
                throw new ContextBudgetExceededException(request.PromptTokens.Count + 1, session.Capacity);
            }

            var sampler = new TokenSampler(request.Sampling);
            var seen = new List<long>(request.PromptTokens);
            var clock = Stopwatch.StartNew();
            float[] logits = [];
            for (var start = 0; start < request.PromptTokens.Count; start += prefillBlock)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var block = request.PromptTokens.Skip(start).Take(prefillBlock).ToArray();
                logits = session.Forward(block);
            }

            var prefillRate = request.PromptTokens.Count / Math.Max(clock.Elapsed.TotalSeconds, 1e-9);
            clock.Restart();
            // The decode rate leaves out the first WarmSteps steps (a CUDA graph is captured on the first ones) once there are more.
            const int WarmSteps = 2;
            var warmAt = TimeSpan.Zero;
            var generated = new List<int>();
            var text = "";
            for (var i = 0; i < budget; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var next = sampler.Next(logits, seen);
                generated.Add(next);
                seen.Add(next);
                var full = tokenizer.Decode(generated);
                var piece = full.Length >= text.Length && full.StartsWith(text, StringComparison.Ordinal) ? full[text.Length..] : "";
                text = full;
                var eos = config.EosTokenIds.Contains(next);
                var stop = eos || request.StopSequences.Any(s => s.Length > 0 && text.Contains(s, StringComparison.Ordinal));
                var last = stop || i == budget - 1;
                if (generated.Count == WarmSteps + 1)
                {
                    warmAt = clock.Elapsed;
                }

                var decodeRate = generated.Count > (2 * WarmSteps) + 1
                    ? (generated.Count - WarmSteps - 1) / Math.Max((clock.Elapsed - warmAt).TotalSeconds, 1e-9)
                    : generated.Count > 1 ? (generated.Count - 1) / Math.Max(clock.Elapsed.TotalSeconds, 1e-9) : 0;
                yield return new GenerationStep(new GeneratedToken(next, piece), last ? (stop ? "stop" : "length") : null, prefillRate, decodeRate);
                if (last)
                {
                    yield break;
                }

                logits = session.Forward([next]);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    /// <summary>Cuts the text at the first stop sequence.</summary>
    public static string TrimStop(string text, IReadOnlyList<string> stops)
    {
        foreach (var stop in stops.Where(s => s.Length > 0))
        {
            var at = text.IndexOf(stop, StringComparison.Ordinal);
            if (at >= 0)
            {
                text = text[..at];
            }
        }

        return text;
    }
}
