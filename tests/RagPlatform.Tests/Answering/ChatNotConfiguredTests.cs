using RagPlatform.Core.Answering;

namespace RagPlatform.Tests.Answering;

/// <summary>Answer:Generator asks for a model that is not registered: the answer is extractive and the trace says why.</summary>
public sealed class ChatNotConfiguredTests
{
    [Theory]
    [InlineData("chat", "chat: no chat model is configured (set Chat:Endpoint and Chat:Model); answered extractively")]
    [InlineData("onnx", "onnx: no local generator is configured (set Generator:ModelPath); answered extractively")]
    public async Task The_trace_names_the_missing_setting(string generator, string line)
    {
        var answer = await AskAsync(new AnswerOptions { Generator = generator });

        Assert.Equal(AnswerOptions.ExtractiveGenerator, answer.Generator);
        Assert.Contains(line, answer.Trace!);
        Assert.NotEmpty(answer.Citations);
    }

    [Fact]
    public async Task The_extractive_generator_adds_no_such_line()
    {
        var answer = await AskAsync(new AnswerOptions());
        Assert.DoesNotContain(answer.Trace ?? [], t => t.Contains("no chat model", StringComparison.Ordinal) || t.Contains("no local generator", StringComparison.Ordinal));
    }

    private static async Task<Answer> AskAsync(AnswerOptions options)
    {
        var document = Evidence.Contract;
        var evidence = new[] { Evidence.Slice(document, "3. Term.", 220) };
        var composer = new AnswerComposer(options, TimeProvider.System, null, null);
        Answer? answer = null;
        await foreach (var update in composer.ComposeAsync("When does the agreement expire?", AnswerStrategy.Passages, evidence, 2, null, 0, CancellationToken.None))
        {
            answer = update.Answer ?? answer;
        }

        return answer!;
    }
}
