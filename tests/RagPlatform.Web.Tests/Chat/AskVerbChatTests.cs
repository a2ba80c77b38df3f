using RagPlatform.Web.Tests.Cli;

namespace RagPlatform.Web.Tests.Chat;

/// <summary><c>ragp ask --endpoint URL --chat-model M</c>: the CLI host registers the same endpoint client as the server.</summary>
public sealed class AskVerbChatTests
{
    [Fact]
    public async Task Ask_answers_through_the_endpoint_with_verified_citations()
    {
        await using var server = await LoopbackChatServer.StartAsync();
        server.Script = request => [ChatStep.Token("Either party may terminate this Agreement "), ChatStep.Token($"upon ninety days written notice [{LoopbackChatServer.PassageContaining(request, "ninety days")}]."), ChatStep.Finish()];
        using var cli = new CliFixture();
        cli.Write("agreement.txt", ChatEndpointFixture.Agreement);
        var index = await cli.RunAsync("index", cli.Inputs, "--collection", "contracts", "--json");
        Assert.Equal(0, index.ExitCode);

        var run = await cli.RunAsync("ask", "How can either party terminate the agreement?", "--collection", "contracts", "--strategy", "passages",
            "--endpoint", server.BaseUrl.ToString(), "--chat-model", "cli-model", "--json");

        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Equal("chat", run.Json.GetProperty("generator").GetString());
        Assert.True(run.Json.GetProperty("supported").GetBoolean(), run.Stdout);
        Assert.Equal("Either party may terminate this Agreement upon ninety days written notice. [1]", run.Json.GetProperty("answer").GetString());
        var request = Assert.Single(server.Requests);
        Assert.Equal("cli-model", request.Model);
        Assert.Contains("How can either party terminate the agreement?", request.UserText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ask_with_generator_chat_and_no_endpoint_answers_extractively_and_says_why()
    {
        using var cli = new CliFixture();
        cli.Write("agreement.txt", ChatEndpointFixture.Agreement);
        Assert.Equal(0, (await cli.RunAsync("index", cli.Inputs, "--collection", "contracts", "--json")).ExitCode);

        var run = await cli.RunAsync("ask", "How can either party terminate the agreement?", "--collection", "contracts", "--strategy", "passages", "--generator", "chat", "--json");

        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Equal("extractive", run.Json.GetProperty("generator").GetString());
        Assert.Contains(run.Json.GetProperty("trace").EnumerateArray(), t => t.GetString()!.StartsWith("chat: no chat model is configured", StringComparison.Ordinal));
    }
}
