using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using RagPlatform.Generation.Runtime;
using RagPlatform.Generation.Tokenization;

namespace RagPlatform.Generation.Chat;

/// <summary>
/// The local generator as an <see cref="IChatClient"/>: messages go through the family's chat template, the
/// reply stops at the end-of-turn token; temperature, top-p, top-k, seed, stop sequences and max tokens come from
/// <see cref="ChatOptions"/>.
/// </summary>
public sealed class OnnxChatClient(LocalGenerator generator, int defaultMaxTokens) : IChatClient
{
    private readonly ChatClientMetadata _metadata = new("ragplatform-onnx", null, Path.GetFileName(Path.GetDirectoryName(generator.Model.DecoderPath)));

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var result = await generator.Generator.GenerateAsync(Request(messages, options), cancellationToken).ConfigureAwait(false);
        return new ChatResponse(new ChatMessage(ChatRole.Assistant, CleanEnd(result.Text)))
        {
            FinishReason = result.FinishReason == "stop" ? ChatFinishReason.Stop : ChatFinishReason.Length,
            ModelId = _metadata.DefaultModelId,
            Usage = new UsageDetails { InputTokenCount = result.PromptTokens.Count, OutputTokenCount = result.Tokens.Count },
        };
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var request = Request(messages, options);
        var generated = 0;
        await foreach (var step in generator.Generator.StreamAsync(request, cancellationToken).ConfigureAwait(false))
        {
            generated++;
            var isEnd = generator.Model.Config.EosTokenIds.Contains(step.Token.Id);
            var update = new ChatResponseUpdate(ChatRole.Assistant, isEnd ? "" : step.Token.Text)
            {
                FinishReason = step.FinishReason is null ? null : step.FinishReason == "stop" ? ChatFinishReason.Stop : ChatFinishReason.Length,
                ModelId = _metadata.DefaultModelId,
            };
            if (step.FinishReason is not null)
            {
                // The last update carries the token counts, as OpenAI's final chunk does with include_usage.
                update.Contents.Add(new UsageContent(new UsageDetails { InputTokenCount = request.PromptTokens.Count, OutputTokenCount = generated }));
            }

            yield return update;
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is not null ? null
        : serviceType == typeof(ChatClientMetadata) ? _metadata
        : serviceType.IsInstanceOfType(this) ? this
        : serviceType == typeof(LocalGenerator) ? generator
        : null;

    public void Dispose()
    {
        // The generator is owned by whoever created it (the DI container or the command).
    }

    private GenerationRequest Request(IEnumerable<ChatMessage> messages, ChatOptions? options)
    {
        var modelType = generator.Model.Config.ModelType;
        var prompt = ChatTemplate.Format(modelType, messages);
        var stops = new List<string> { ChatTemplate.EndOfTurn(modelType) };
        stops.AddRange(options?.StopSequences ?? []);
        return new GenerationRequest(generator.Tokenizer.Encode(prompt))
        {
            MaxNewTokens = options?.MaxOutputTokens ?? defaultMaxTokens,
            StopSequences = stops,
            Sampling = new SamplingOptions
            {
                Temperature = options?.Temperature ?? 0f,
                TopP = options?.TopP ?? 1f,
                TopK = options?.TopK ?? 0,
                Seed = options?.Seed is { } seed ? (int)seed : null,
                RepetitionPenalty = options?.FrequencyPenalty is { } fp ? 1f + fp : 1f,
            },
        };
    }

    private string CleanEnd(string text) => TextGenerator.TrimStop(text, [ChatTemplate.EndOfTurn(generator.Model.Config.ModelType)]).Trim();
}
