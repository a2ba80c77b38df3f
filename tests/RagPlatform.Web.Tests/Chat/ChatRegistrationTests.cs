using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RagPlatform.Core.Errors;
using RagPlatform.Generation;
using RagPlatform.Generation.Endpoint;

namespace RagPlatform.Web.Tests.Chat;

/// <summary>What AddRagChat registers for which settings, and the endpoint client on its own against the loopback server.</summary>
public sealed class ChatRegistrationTests
{
    private static ServiceProvider Build(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings.ToDictionary(s => s.Key, s => (string?)s.Value)).Build();
        return new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddLogging()
            .AddRagChat(configuration)
            .BuildServiceProvider();
    }

    [Fact]
    public void Without_an_endpoint_or_a_model_path_no_chat_client_is_registered()
    {
        using var provider = Build(("Answer:Generator", "chat"));
        Assert.Null(provider.GetService<IChatClient>());
        Assert.False(provider.GetRequiredService<IOptions<ChatEndpointOptions>>().Value.IsConfigured);
    }

    [Fact]
    public void A_configured_endpoint_is_the_chat_client_and_wins_over_a_local_model_for_generator_chat()
    {
        using var provider = Build(
            ("Answer:Generator", "chat"),
            ("Chat:Endpoint", "http://127.0.0.1:9/v1"),
            ("Chat:Model", "some-model"),
            ("Generator:ModelPath", "/nonexistent/checkpoint"));
        var client = provider.GetRequiredService<IChatClient>();
        var metadata = Assert.IsType<ChatClientMetadata>(client.GetService(typeof(ChatClientMetadata)));
        Assert.Equal("openai", metadata.ProviderName);
        Assert.Equal("some-model", metadata.DefaultModelId);
        Assert.Equal("127.0.0.1", metadata.ProviderUri!.Host);
    }

    [Fact]
    public void Generator_onnx_with_a_model_path_keeps_the_local_generator_even_with_an_endpoint()
    {
        using var provider = Build(
            ("Answer:Generator", "onnx"),
            ("Chat:Endpoint", "http://127.0.0.1:9/v1"),
            ("Chat:Model", "some-model"),
            ("Generator:ModelPath", "/nonexistent/checkpoint"));
        // The ONNX generator opens its checkpoint when first resolved: the missing folder proves it is the one registered.
        var error = Assert.Throws<DirectoryNotFoundException>(() => provider.GetRequiredService<IChatClient>());
        Assert.Contains("/nonexistent/checkpoint", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("127.0.0.1:8000/v1", "some-model", "absolute http or https URL")]
    [InlineData("ftp://127.0.0.1/v1", "some-model", "absolute http or https URL")]
    [InlineData("http://127.0.0.1:8000/v1", "", "Chat:Model is required")]
    public void Bad_endpoint_settings_are_refused(string endpoint, string model, string message)
    {
        using var provider = Build(("Chat:Endpoint", endpoint), ("Chat:Model", model));
        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<ChatEndpointOptions>>().Value);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_plain_request_returns_the_servers_text_and_a_stream_yields_its_tokens_in_order()
    {
        await using var server = await LoopbackChatServer.StartAsync();
        server.Script = _ => [ChatStep.Token("Hello "), ChatStep.Token("from "), ChatStep.Token("loopback."), ChatStep.Finish()];
        using var client = ChatEndpointClient.Create(Options(server), TimeProvider.System, NullLoggerFactory.Instance);

        var response = await client.GetResponseAsync("Say hello");
        Assert.Equal("Hello from loopback.", response.Text);
        var updates = new List<string>();
        await foreach (var update in client.GetStreamingResponseAsync("Say hello"))
        {
            if (!string.IsNullOrEmpty(update.Text))
            {
                updates.Add(update.Text);
            }
        }

        Assert.Equal(["Hello ", "from ", "loopback."], updates);
        Assert.Equal([false, true], server.Requests.Select(r => r.Stream));
        Assert.All(server.Requests, r => Assert.Equal("tiny", r.Model));
        Assert.All(server.Requests, r => Assert.Equal("Say hello", r.UserText));
    }

    [Fact]
    public async Task A_plain_request_to_a_server_that_never_answers_times_out_with_the_reason()
    {
        await using var server = await LoopbackChatServer.StartAsync();
        server.Script = _ => [ChatStep.Hang()];
        var options = Options(server);
        options.TimeoutSeconds = 1;
        using var client = ChatEndpointClient.Create(options, TimeProvider.System, NullLoggerFactory.Instance);

        // The server sends headers and then nothing; the whole-request limit (shorter than the first-token one) ends it.
        var error = await Assert.ThrowsAsync<ChatModelException>(() => client.GetStreamingResponseAsync("Say hello").ToListAsync().AsTask());
        Assert.True(error.IsTransient);
        Assert.Contains("within 1 s", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_callers_cancellation_is_not_reported_as_a_timeout()
    {
        await using var server = await LoopbackChatServer.StartAsync();
        server.Script = _ => [ChatStep.Hang()];
        using var client = ChatEndpointClient.Create(Options(server), TimeProvider.System, NullLoggerFactory.Instance);
        using var cancel = new CancellationTokenSource();
        var call = client.GetStreamingResponseAsync("Say hello", cancellationToken: cancel.Token).ToListAsync(cancel.Token).AsTask();
        while (server.Requests.IsEmpty)
        {
            await Task.Yield();
        }

        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
    }

    private static ChatEndpointOptions Options(LoopbackChatServer server) => new() { Endpoint = server.BaseUrl.ToString(), Model = "tiny" };
}
