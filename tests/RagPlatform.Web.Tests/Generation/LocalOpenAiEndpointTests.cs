using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using RagPlatform.Generation;
using RagPlatform.Generation.Chat;
using RagPlatform.Generation.Endpoint;
using RagPlatform.Web.Tests.Api;

namespace RagPlatform.Web.Tests.Generation;

/// <summary>
/// POST /v1/chat/completions and GET /v1/models served by the web host's local generator (a tiny random checkpoint on
/// CPU) over loopback: what the protocol carries equals what the generator says, streamed or not, and the OpenAI SDK
/// client our own Chat:Endpoint path uses reads it back unchanged.
/// </summary>
public sealed class LocalOpenAiEndpointTests(LocalModelServer server) : IClassFixture<LocalModelServer>
{
    private const string Prompt = "w5 w9 w17 w23 w4 w8";

    [Fact]
    public async Task Models_lists_the_checkpoint_folder_as_the_model_id()
    {
        var models = await GetJsonAsync(server.Client, "v1/models");

        Assert.Equal("list", models.GetProperty("object").GetString());
        var model = Assert.Single(models.GetProperty("data").EnumerateArray());
        Assert.Equal(server.ModelId, model.GetProperty("id").GetString());
        Assert.Equal("model", model.GetProperty("object").GetString());
    }

    [Fact]
    public async Task A_completion_carries_exactly_what_the_local_generator_says()
    {
        var expected = await DirectAsync(maxTokens: 10);

        using var response = await server.Client.PostAsync("v1/chat/completions", Body(new { model = server.ModelId, messages = Messages(), max_tokens = 10, temperature = 0 }));
        var json = await ReadJsonAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("chat.completion", json.GetProperty("object").GetString());
        Assert.StartsWith("chatcmpl-", json.GetProperty("id").GetString(), StringComparison.Ordinal);
        Assert.Equal(server.ModelId, json.GetProperty("model").GetString());
        var choice = Assert.Single(json.GetProperty("choices").EnumerateArray());
        Assert.Equal("assistant", choice.GetProperty("message").GetProperty("role").GetString());
        Assert.Equal(expected.Text, choice.GetProperty("message").GetProperty("content").GetString());
        Assert.Equal(expected.FinishReason == ChatFinishReason.Length ? "length" : "stop", choice.GetProperty("finish_reason").GetString());
        var usage = json.GetProperty("usage");
        Assert.Equal(expected.Usage!.InputTokenCount, usage.GetProperty("prompt_tokens").GetInt64());
        Assert.Equal(expected.Usage.OutputTokenCount, usage.GetProperty("completion_tokens").GetInt64());
        Assert.Equal(expected.Usage.InputTokenCount + expected.Usage.OutputTokenCount, usage.GetProperty("total_tokens").GetInt64());
        Assert.True(usage.GetProperty("completion_tokens").GetInt64() is > 0 and <= 10);
    }

    [Fact]
    public async Task A_stream_sends_role_then_tokens_then_finish_usage_and_done()
    {
        var expected = await DirectAsync(maxTokens: 12);

        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/chat/completions")
        {
            Content = Body(new { model = server.ModelId, messages = Messages(), max_tokens = 12, stream = true, stream_options = new { include_usage = true } }),
        };
        using var response = await server.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var events = await ReadDataLinesAsync(response);

        Assert.Equal("[DONE]", events[^1]);
        var chunks = events[..^1].Select(e => JsonDocument.Parse(e).RootElement).ToList();
        Assert.All(chunks, c => Assert.Equal("chat.completion.chunk", c.GetProperty("object").GetString()));
        Assert.Single(chunks.Select(c => c.GetProperty("id").GetString()).Distinct());
        Assert.Equal("assistant", chunks[0].GetProperty("choices")[0].GetProperty("delta").GetProperty("role").GetString());
        var withChoice = chunks.Where(c => c.GetProperty("choices").GetArrayLength() == 1).ToList();
        var text = string.Concat(withChoice.Select(c => c.GetProperty("choices")[0].GetProperty("delta").TryGetProperty("content", out var t) ? t.GetString() : ""));
        Assert.Equal(expected.Text, text.Trim());
        Assert.Equal(withChoice.Count - 1, withChoice.Count(c => c.GetProperty("choices")[0].GetProperty("finish_reason").ValueKind == JsonValueKind.Null));
        Assert.NotEqual(JsonValueKind.Null, withChoice[^1].GetProperty("choices")[0].GetProperty("finish_reason").ValueKind);
        var usage = chunks[^1];
        Assert.Equal(0, usage.GetProperty("choices").GetArrayLength());
        Assert.Equal(expected.Usage!.OutputTokenCount, usage.GetProperty("usage").GetProperty("completion_tokens").GetInt64());
        Assert.Equal(expected.Usage.InputTokenCount, usage.GetProperty("usage").GetProperty("prompt_tokens").GetInt64());
    }

    [Fact]
    public async Task The_openai_client_of_our_chat_path_reads_it_streamed_and_not()
    {
        var expected = await DirectAsync(maxTokens: MaxTokensForClient);
        using var client = ChatEndpointClient.Create(
            new ChatEndpointOptions { Endpoint = new Uri(server.BaseUrl, "v1").ToString(), Model = server.ModelId },
            TimeProvider.System,
            NullLoggerFactory.Instance);
        var options = new ChatOptions { MaxOutputTokens = MaxTokensForClient, Temperature = 0 };

        var whole = await client.GetResponseAsync(MessagesForClient(), options);
        var streamed = new StringBuilder();
        await foreach (var update in client.GetStreamingResponseAsync(MessagesForClient(), options))
        {
            streamed.Append(update.Text);
        }

        Assert.Equal(expected.Text, whole.Text);
        Assert.Equal(expected.Text, streamed.ToString().Trim());
    }

    [Theory]
    [InlineData("{\"messages\":[{\"role\":\"user\",\"content\":\"w5\"}]}", 400, "model")]
    [InlineData("{\"model\":\"MODEL\",\"messages\":[]}", 400, "messages")]
    [InlineData("{\"model\":\"MODEL\",\"messages\":[{\"role\":\"tool\",\"content\":\"w5\"}]}", 400, "messages[0].role")]
    [InlineData("{\"model\":\"MODEL\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"image_url\",\"image_url\":{\"url\":\"x\"}}]}]}", 400, "messages[0].content")]
    [InlineData("{\"model\":\"MODEL\",\"messages\":[{\"role\":\"user\",\"content\":\"w5\"}],\"max_tokens\":100000}", 400, "max_tokens")]
    [InlineData("{\"model\":\"MODEL\",\"messages\":[{\"role\":\"user\",\"content\":\"w5\"}],\"n\":3}", 400, "n")]
    [InlineData("{\"model\":\"MODEL\",\"messages\":[{\"role\":\"user\",\"content\":\"w5\"}],\"temperature\":\"hot\"}", 400, "temperature")]
    [InlineData("{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"w5\"}]}", 404, "model")]
    public async Task A_bad_request_gets_an_openai_error_naming_the_field(string body, int status, string param)
    {
        using var response = await server.Client.PostAsync("v1/chat/completions", new StringContent(body.Replace("MODEL", server.ModelId, StringComparison.Ordinal), Encoding.UTF8, "application/json"));
        var error = (await ReadJsonAsync(response)).GetProperty("error");

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal(param, error.GetProperty("param").GetString());
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
        Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("message").GetString()));
        Assert.Equal(status == 404 ? "model_not_found" : "invalid_value", error.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Invalid_json_and_a_prompt_beyond_the_context_are_refused_and_the_server_keeps_answering()
    {
        using var broken = await server.Client.PostAsync("v1/chat/completions", new StringContent("{\"model\":", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, broken.StatusCode);
        Assert.Equal("invalid_json", (await ReadJsonAsync(broken)).GetProperty("error").GetProperty("code").GetString());

        var tooLong = string.Join(' ', Enumerable.Range(0, LocalModelServer.ContextTokens + 10).Select(i => $"w{3 + (i % 60)}"));
        foreach (var stream in new[] { false, true })
        {
            using var response = await server.Client.PostAsync(
                "v1/chat/completions",
                Body(new { model = server.ModelId, messages = new[] { new { role = "user", content = tooLong } }, stream }));
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("context_length_exceeded", (await ReadJsonAsync(response)).GetProperty("error").GetProperty("code").GetString());
        }

        using var after = await server.Client.PostAsync("v1/chat/completions", Body(new { model = server.ModelId, messages = Messages(), max_tokens = 2 }));
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    [Fact]
    public async Task With_keys_configured_a_bearer_key_is_required()
    {
        using var anonymous = new HttpClient { BaseAddress = server.KeyedBaseUrl };
        using var refused = await anonymous.GetAsync("v1/models");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);

        using var wrong = new HttpRequestMessage(HttpMethod.Get, "v1/models");
        wrong.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "not-the-key");
        using var wrongResponse = await anonymous.SendAsync(wrong);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongResponse.StatusCode);

        using var keyed = ChatEndpointClient.Create(
            new ChatEndpointOptions { Endpoint = new Uri(server.KeyedBaseUrl, "v1").ToString(), Model = server.KeyedModelId, ApiKey = LocalModelServer.ReaderKey },
            TimeProvider.System,
            NullLoggerFactory.Instance);
        var answer = await keyed.GetResponseAsync(MessagesForClient(), new ChatOptions { MaxOutputTokens = 3, Temperature = 0 });
        Assert.True(answer.Usage?.OutputTokenCount is > 0 and <= 3, $"usage {answer.Usage?.OutputTokenCount}");
    }

    [Fact]
    public async Task Without_a_local_model_the_routes_are_not_served()
    {
        await using var plain = new RagWebFactory();
        using var client = plain.CreateClient();

        using var models = await client.GetAsync("/v1/models");
        using var completion = await client.PostAsync("/v1/chat/completions", Body(new { model = "x", messages = Messages() }));

        Assert.Equal(HttpStatusCode.NotFound, models.StatusCode);
        // The UI's pages answer GET on every path, so a POST to an unmapped path is 405 rather than 404.
        Assert.Contains(completion.StatusCode, new[] { HttpStatusCode.NotFound, HttpStatusCode.MethodNotAllowed });
    }

    private const int MaxTokensForClient = 8;

    private static object[] Messages() =>
        [new { role = "system", content = "w3 w4" }, new { role = "user", content = Prompt }];

    private static List<ChatMessage> MessagesForClient() =>
        [new ChatMessage(ChatRole.System, "w3 w4"), new ChatMessage(ChatRole.User, Prompt)];

    /// <summary>The server's own generator, asked in-process with the same messages (greedy: deterministic).</summary>
    private async Task<ChatResponse> DirectAsync(int maxTokens)
    {
        var generator = server.Factory.Services.GetRequiredService<LocalGenerator>();
        using var client = new OnnxChatClient(generator, LocalModelServer.MaxNewTokens);
        return await client.GetResponseAsync(MessagesForClient(), new ChatOptions { MaxOutputTokens = maxTokens, Temperature = 0 });
    }

    private static StringContent Body(object body) => new(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");

    private static async Task<JsonElement> GetJsonAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await ReadJsonAsync(response);
    }

    private static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static async Task<List<string>> ReadDataLinesAsync(HttpResponseMessage response)
    {
        var lines = new List<string>();
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(), Encoding.UTF8);
        while (await reader.ReadLineAsync() is { } line)
        {
            if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                lines.Add(line["data: ".Length..]);
            }
            else
            {
                Assert.Equal("", line);
            }
        }

        return lines;
    }
}
