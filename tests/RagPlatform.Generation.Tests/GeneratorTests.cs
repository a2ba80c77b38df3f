using Microsoft.Extensions.AI;
using RagPlatform.Core.Errors;
using RagPlatform.Generation.Chat;
using RagPlatform.Generation.Runtime;

namespace RagPlatform.Generation.Tests;

public sealed class GeneratorTests
{
    private static LocalGenerator Open(TinyModel model, string attention = "dense") => LocalGenerator.Open(new GeneratorOptions
    {
        ModelPath = model.Directory,
        Attention = attention,
        ContextTokens = 96,
        PrefillBlock = 4,
        Sinks = 1,
        Window = 8,
        ChunkSize = 4,
        TopK = 2,
    });

    [Fact]
    public void Tokenizer_json_encodes_and_decodes_words()
    {
        using var model = TinyModel.Create("llama", 1);
        using var generator = Open(model);
        Assert.Equal([5L, 7L, 2L, 9L], generator.Tokenizer.Encode("w5 w7 nope w9"));
        Assert.Equal("w5 w7 w9", generator.Tokenizer.Decode([5, 7, 9]));
    }

    [Theory]
    [InlineData("dense")]
    [InlineData("window")]
    [InlineData("hsa")]
    public async Task Greedy_generation_takes_the_argmax_of_each_step(string attention)
    {
        using var model = TinyModel.Create("qwen2", 2);
        using var generator = Open(model, attention);
        var prompt = generator.Tokenizer.Encode("w3 w4 w5 w6 w7 w8 w9 w10 w11 w12");
        var result = await generator.Generator.GenerateAsync(new GenerationRequest(prompt) { MaxNewTokens = 12 }, CancellationToken.None);

        generator.Session.Reset();
        var logits = generator.Session.Forward(prompt);
        var expected = new List<int>();
        for (var i = 0; i < result.Tokens.Count; i++)
        {
            expected.Add(TokenSampler.ArgMax(logits));
            if (expected[^1] == 1) // EOS of the tiny model
            {
                break;
            }

            logits = generator.Session.Forward([expected[^1]]);
        }

        Assert.Equal(expected, result.Tokens);
        Assert.True(result.Tokens.Count == 12 || result.FinishReason == "stop");
        Assert.Equal(prompt, result.PromptTokens);
    }

    [Fact]
    public async Task Seeded_sampling_repeats_and_a_different_seed_differs()
    {
        using var model = TinyModel.Create("llama", 3);
        using var generator = Open(model);
        var prompt = generator.Tokenizer.Encode("w3 w9 w27");
        async Task<IReadOnlyList<int>> Sample(int seed) => (await generator.Generator.GenerateAsync(new GenerationRequest(prompt)
        {
            MaxNewTokens = 24,
            Sampling = new SamplingOptions { Temperature = 1.5f, TopK = 40, TopP = 0.95f, Seed = seed, RepetitionPenalty = 1.1f },
        }, CancellationToken.None)).Tokens;

        var a = await Sample(7);
        Assert.Equal(a, await Sample(7));
        Assert.NotEqual(a, await Sample(8));
    }

    [Fact]
    public async Task Stop_sequences_end_the_text_and_the_stream_matches_the_response()
    {
        using var model = TinyModel.Create("qwen2", 4);
        using var generator = Open(model);
        using var client = new OnnxChatClient(generator, 10);
        var messages = new[] { new ChatMessage(ChatRole.User, "w12 w13 w14") };
        var response = await client.GetResponseAsync(messages, new ChatOptions { MaxOutputTokens = 10 });
        var streamed = new List<string>();
        await foreach (var update in client.GetStreamingResponseAsync(messages, new ChatOptions { MaxOutputTokens = 10 }))
        {
            streamed.Add(update.Text);
        }

        Assert.False(string.IsNullOrWhiteSpace(response.Text));
        Assert.Equal(response.Text, string.Concat(streamed).Trim());
        var firstWord = response.Text.Split(' ')[0];
        var cut = await generator.Generator.GenerateAsync(
            new GenerationRequest(generator.Tokenizer.Encode(Tokenization.ChatTemplate.Format("qwen2", messages))) { MaxNewTokens = 10, StopSequences = [firstWord] },
            CancellationToken.None);
        Assert.Equal("stop", cut.FinishReason);
        Assert.DoesNotContain(firstWord, cut.Text, StringComparison.Ordinal);
        Assert.Single(cut.Tokens);
    }

    [Fact]
    public async Task Cancellation_stops_the_stream()
    {
        using var model = TinyModel.Create("llama", 5);
        using var generator = Open(model);
        using var cancel = new CancellationTokenSource();
        var seen = 0;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in generator.Generator.StreamAsync(new GenerationRequest([3, 4, 5]) { MaxNewTokens = 50 }, cancel.Token))
            {
                if (++seen == 3)
                {
                    await cancel.CancelAsync();
                }
            }
        });
        Assert.Equal(3, seen);
    }

    [Fact]
    public async Task A_prompt_longer_than_the_context_budget_is_refused()
    {
        using var model = TinyModel.Create("llama", 6);
        using var generator = Open(model);
        var prompt = Enumerable.Range(0, 96).Select(i => (long)(3 + (i % 50))).ToArray();
        await Assert.ThrowsAsync<ContextBudgetExceededException>(() =>
            generator.Generator.GenerateAsync(new GenerationRequest(prompt), CancellationToken.None));
    }
}
