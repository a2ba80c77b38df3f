using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace RagPlatform.Web.Tests.Chat;

/// <summary>
/// A real HTTP server on 127.0.0.1 (Kestrel, port 0) speaking the OpenAI chat-completions protocol: POST
/// /v1/chat/completions with "stream": true answers with <c>data: {chunk}</c> lines and <c>data: [DONE]</c>, otherwise
/// with one chat.completion object. What it says is scripted per request; every request is recorded.
/// </summary>
public sealed partial class LoopbackChatServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LoopbackChatServer(WebApplication app, Uri baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    /// <summary>The endpoint to configure as Chat:Endpoint (ends in /v1).</summary>
    public Uri BaseUrl { get; }

    public ConcurrentQueue<RecordedChatRequest> Requests { get; } = new();

    /// <summary>The steps answering a request; by default one token and the finish.</summary>
    public Func<RecordedChatRequest, IReadOnlyList<ChatStep>> Script { get; set; } = _ => [ChatStep.Token("No script."), ChatStep.Finish()];

    public static async Task<LoopbackChatServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        LoopbackChatServer? server = null;
        app.MapPost("/v1/chat/completions", (HttpContext http) => server!.AnswerAsync(http));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server = new LoopbackChatServer(app, new Uri(address.TrimEnd('/') + "/v1"));
        return server;
    }

    /// <summary>The passage numbers of the user message whose text contains <paramref name="text"/>.</summary>
    public static int PassageContaining(RecordedChatRequest request, string text)
    {
        foreach (Match m in Passage().Matches(request.UserText))
        {
            if (m.Groups[2].Value.Contains(text, StringComparison.Ordinal))
            {
                return int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
            }
        }

        throw new InvalidOperationException($"No passage sent to the model contains '{text}'.");
    }

    public static int PassageCount(RecordedChatRequest request) => Passage().Count(request.UserText);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task AnswerAsync(HttpContext http)
    {
        using var body = await JsonDocument.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted);
        var root = body.RootElement;
        var messages = root.GetProperty("messages").EnumerateArray()
            .Select(m => new RecordedChatMessage(m.GetProperty("role").GetString()!, ContentOf(m.GetProperty("content"))))
            .ToList();
        var request = new RecordedChatRequest(
            http.Request.Path,
            root.TryGetProperty("model", out var model) ? model.GetString() : null,
            root.TryGetProperty("stream", out var stream) && stream.GetBoolean(),
            messages,
            http.Request.Headers.Authorization.FirstOrDefault());
        Requests.Enqueue(request);
        var steps = Script(request);
        if (!request.Stream)
        {
            var text = string.Concat(steps.Where(s => s.Kind == ChatStepKind.Token).Select(s => s.Text));
            http.Response.ContentType = "application/json";
            await http.Response.WriteAsync(JsonSerializer.Serialize(new
            {
                id = "chatcmpl-loopback",
                @object = "chat.completion",
                created = 1_700_000_000,
                model = request.Model,
                choices = new[] { new { index = 0, message = new { role = "assistant", content = text }, finish_reason = "stop" } },
                usage = new { prompt_tokens = 10, completion_tokens = 5, total_tokens = 15 },
            }), http.RequestAborted);
            return;
        }

        http.Response.ContentType = "text/event-stream";
        await http.Response.StartAsync(http.RequestAborted);
        var first = true;
        foreach (var step in steps)
        {
            switch (step.Kind)
            {
                case ChatStepKind.Token:
                    await SendAsync(http, Chunk(request.Model, new { role = first ? "assistant" : null, content = step.Text }, null));
                    first = false;
                    break;
                case ChatStepKind.Finish:
                    await SendAsync(http, Chunk(request.Model, new { }, "stop"));
                    await SendAsync(http, "[DONE]");
                    break;
                case ChatStepKind.Raw:
                    await http.Response.WriteAsync(step.Text + "\n\n", http.RequestAborted);
                    await http.Response.Body.FlushAsync(http.RequestAborted);
                    break;
                case ChatStepKind.Wait:
                    await step.Gate!.WaitAsync(http.RequestAborted);
                    break;
                case ChatStepKind.Hang:
                    await Task.Delay(Timeout.Infinite, http.RequestAborted);
                    break;
                case ChatStepKind.Abort:
                    http.Abort();
                    return;
            }
        }
    }

    private static async Task SendAsync(HttpContext http, string data)
    {
        await http.Response.WriteAsync("data: " + data + "\n\n", http.RequestAborted);
        await http.Response.Body.FlushAsync(http.RequestAborted);
    }

    private static string Chunk(string? model, object delta, string? finishReason) => JsonSerializer.Serialize(new
    {
        id = "chatcmpl-loopback",
        @object = "chat.completion.chunk",
        created = 1_700_000_000,
        model,
        choices = new[] { new { index = 0, delta, finish_reason = finishReason } },
    });

    private static string ContentOf(JsonElement content)
    {
        if (content.ValueKind == JsonValueKind.String)
        {
            return content.GetString()!;
        }

        var text = new StringBuilder();
        foreach (var part in content.EnumerateArray())
        {
            if (part.TryGetProperty("text", out var t))
            {
                text.Append(t.GetString());
            }
        }

        return text.ToString();
    }

    [GeneratedRegex("<passage n=\"(\\d+)\"[^>]*>\\n(.*?)\\n</passage>", RegexOptions.Singleline)]
    private static partial Regex Passage();
}
