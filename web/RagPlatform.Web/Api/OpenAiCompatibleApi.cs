using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using RagPlatform.Core.Errors;
using RagPlatform.Generation;
using RagPlatform.Generation.Chat;
using RagPlatform.Generation.Runtime;
using RagPlatform.Web.Security;

namespace RagPlatform.Web.Api;

/// <summary>
/// The local generator behind the OpenAI chat-completions protocol, so any OpenAI client (our own Chat:Endpoint path,
/// Semantic Kernel, curl) can use it: <c>POST /v1/chat/completions</c> (one <c>chat.completion</c> object, or with
/// <c>"stream": true</c> server-sent <c>chat.completion.chunk</c> lines ending in <c>data: [DONE]</c>) and
/// <c>GET /v1/models</c>. Mapped only when <c>Generator:ModelPath</c> is configured. Errors use OpenAI's shape,
/// <c>{"error": {"message", "type", "param", "code"}}</c>, because that is what its clients parse. The generator runs
/// one request at a time; others wait for it (or for their client to go away).
/// </summary>
internal static class OpenAiCompatibleApi
{
    private static readonly JsonWriterOptions WriterOptions = new() { Indented = false };

    public static IEndpointRouteBuilder MapOpenAiCompatibleApi(this IEndpointRouteBuilder app)
    {
        if (app.ServiceProvider.GetService<IServiceProviderIsService>()?.IsService(typeof(LocalGenerator)) != true)
        {
            return app;
        }

        app.MapPost("/v1/chat/completions", CompleteAsync).WithTags("OpenAI-compatible").RequireAuthorization(Roles.Reader)
            .WithSummary("Chat completion from the local generator")
            .WithDescription("The OpenAI chat-completions protocol (non-streaming, or \"stream\": true for server-sent chunks) served by the local ONNX generator. Errors: 400 invalid_request_error, 404 model_not_found, 401 without a valid key.");
        app.MapGet("/v1/models", ListModels).WithTags("OpenAI-compatible").RequireAuthorization(Roles.Reader)
            .WithSummary("The local model")
            .WithDescription("One entry: the id clients name in \"model\" (the checkpoint folder's name).");
        return app;
    }

    /// <summary>The id clients name: the checkpoint folder's name.</summary>
    internal static string ModelId(GeneratorOptions options) =>
        Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(options.ModelPath!)));

    private static IResult ListModels(IOptions<GeneratorOptions> options, TimeProvider time)
    {
        var created = time.GetUtcNow().ToUnixTimeSeconds();
        return Json(StatusCodes.Status200OK, w =>
        {
            w.WriteString("object", "list");
            w.WriteStartArray("data");
            w.WriteStartObject();
            w.WriteString("id", ModelId(options.Value));
            w.WriteString("object", "model");
            w.WriteNumber("created", created);
            w.WriteString("owned_by", "ragplatform");
            w.WriteEndObject();
            w.WriteEndArray();
        });
    }

    private static async Task<IResult> CompleteAsync(
        HttpContext http, LocalGenerator generator, IOptions<GeneratorOptions> options, TimeProvider time, CancellationToken cancellationToken)
    {
        CompletionRequest request;
        try
        {
            using var body = await JsonDocument.ParseAsync(http.Request.Body, cancellationToken: cancellationToken);
            request = CompletionRequest.Parse(body.RootElement, options.Value.MaxNewTokens);
        }
        catch (JsonException ex)
        {
            return Error(StatusCodes.Status400BadRequest, $"The request body is not valid JSON: {ex.Message}", null, "invalid_json");
        }
        catch (CompletionRequestException ex)
        {
            return Error(StatusCodes.Status400BadRequest, ex.Message, ex.Param, "invalid_value");
        }

        var modelId = ModelId(options.Value);
        if (!string.Equals(request.Model, modelId, StringComparison.Ordinal))
        {
            return Error(StatusCodes.Status404NotFound, $"The model '{request.Model}' does not exist; this server serves '{modelId}'.", "model", "model_not_found", "invalid_request_error");
        }

        using var client = new OnnxChatClient(generator, options.Value.MaxNewTokens);
        var id = "chatcmpl-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        var created = time.GetUtcNow().ToUnixTimeSeconds();
        try
        {
            if (!request.Stream)
            {
                var response = await client.GetResponseAsync(request.Messages, request.Options, cancellationToken);
                return Json(StatusCodes.Status200OK, w => WriteCompletion(w, id, created, modelId, response));
            }

            await StreamAsync(http.Response, client.GetStreamingResponseAsync(request.Messages, request.Options, cancellationToken), id, created, modelId, request.IncludeUsage, cancellationToken);
            return Results.Empty;
        }
        catch (ContextBudgetExceededException ex) when (!http.Response.HasStarted)
        {
            return Error(StatusCodes.Status400BadRequest, ex.Message, "messages", "context_length_exceeded");
        }
        catch (ArgumentException ex) when (!http.Response.HasStarted)
        {
            // The prompt encodes to no tokens, or a sampling setting the generator refuses.
            return Error(StatusCodes.Status400BadRequest, ex.Message, null, "invalid_value");
        }
    }

    private static async Task StreamAsync(
        HttpResponse response, IAsyncEnumerable<ChatResponseUpdate> updates, string id, long created, string modelId, bool includeUsage, CancellationToken cancellationToken)
    {
        // The first token decides whether the request is sound (context budget, empty prompt), so errors before it
        // still get a status code; after it they can only end the stream.
        await using var enumerator = updates.GetAsyncEnumerator(cancellationToken);
        var hasFirst = await enumerator.MoveNextAsync();
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        await WriteEventAsync(response, w => WriteChunk(w, id, created, modelId, w2 => w2.WriteString("role", "assistant"), finishReason: null), cancellationToken);
        UsageDetails? usage = null;
        if (hasFirst)
        {
            do
            {
                var update = enumerator.Current;
                usage = update.Contents.OfType<UsageContent>().FirstOrDefault()?.Details ?? usage;
                var text = update.Text;
                var finish = update.FinishReason is { } f ? FinishReason(f) : null;
                if (text.Length > 0 || finish is not null)
                {
                    await WriteEventAsync(response, w => WriteChunk(w, id, created, modelId, d =>
                    {
                        if (text.Length > 0)
                        {
                            d.WriteString("content", text);
                        }
                    }, finish), cancellationToken);
                }
            }
            while (await enumerator.MoveNextAsync());
        }

        if (includeUsage)
        {
            await WriteEventAsync(response, w =>
            {
                WriteHead(w, id, "chat.completion.chunk", created, modelId);
                w.WriteStartArray("choices");
                w.WriteEndArray();
                WriteUsage(w, usage);
            }, cancellationToken);
        }

        await response.WriteAsync("data: [DONE]\n\n", cancellationToken);
        await response.Body.FlushAsync(cancellationToken);
    }

    private static async Task WriteEventAsync(HttpResponse response, Action<Utf8JsonWriter> write, CancellationToken cancellationToken)
    {
        var buffer = new ArrayBufferWriter<byte>();
        buffer.Write("data: "u8);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            write(writer);
            writer.WriteEndObject();
        }

        buffer.Write("\n\n"u8);
        await response.Body.WriteAsync(buffer.WrittenMemory, cancellationToken);
        await response.Body.FlushAsync(cancellationToken);
    }

    private static void WriteCompletion(Utf8JsonWriter w, string id, long created, string modelId, ChatResponse response)
    {
        WriteHead(w, id, "chat.completion", created, modelId);
        w.WriteStartArray("choices");
        w.WriteStartObject();
        w.WriteNumber("index", 0);
        w.WriteStartObject("message");
        w.WriteString("role", "assistant");
        w.WriteString("content", response.Text);
        w.WriteEndObject();
        w.WriteString("finish_reason", FinishReason(response.FinishReason ?? ChatFinishReason.Stop));
        w.WriteEndObject();
        w.WriteEndArray();
        WriteUsage(w, response.Usage);
    }

    private static void WriteChunk(Utf8JsonWriter w, string id, long created, string modelId, Action<Utf8JsonWriter> delta, string? finishReason)
    {
        WriteHead(w, id, "chat.completion.chunk", created, modelId);
        w.WriteStartArray("choices");
        w.WriteStartObject();
        w.WriteNumber("index", 0);
        w.WriteStartObject("delta");
        delta(w);
        w.WriteEndObject();
        if (finishReason is null)
        {
            w.WriteNull("finish_reason");
        }
        else
        {
            w.WriteString("finish_reason", finishReason);
        }

        w.WriteEndObject();
        w.WriteEndArray();
    }

    private static void WriteHead(Utf8JsonWriter w, string id, string kind, long created, string modelId)
    {
        w.WriteString("id", id);
        w.WriteString("object", kind);
        w.WriteNumber("created", created);
        w.WriteString("model", modelId);
    }

    private static void WriteUsage(Utf8JsonWriter w, UsageDetails? usage)
    {
        var prompt = usage?.InputTokenCount ?? 0;
        var completion = usage?.OutputTokenCount ?? 0;
        w.WriteStartObject("usage");
        w.WriteNumber("prompt_tokens", prompt);
        w.WriteNumber("completion_tokens", completion);
        w.WriteNumber("total_tokens", prompt + completion);
        w.WriteEndObject();
    }

    private static string FinishReason(ChatFinishReason reason) => reason == ChatFinishReason.Length ? "length" : "stop";

    private static IResult Json(int status, Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            write(writer);
            writer.WriteEndObject();
        }

        return Results.Text(Encoding.UTF8.GetString(buffer.WrittenSpan), "application/json", Encoding.UTF8, status);
    }

    private static IResult Error(int status, string message, string? param, string code, string type = "invalid_request_error") =>
        Json(status, w =>
        {
            w.WriteStartObject("error");
            w.WriteString("message", message);
            w.WriteString("type", type);
            if (param is null)
            {
                w.WriteNull("param");
            }
            else
            {
                w.WriteString("param", param);
            }

            w.WriteString("code", code);
            w.WriteEndObject();
        });

    /// <summary>A request field the protocol allows but this server cannot honour, or a malformed one.</summary>
    private sealed class CompletionRequestException(string message, string? param) : Exception(message)
    {
        public string? Param { get; } = param;
    }

    /// <summary>The parts of a chat-completions request the local generator uses, read leniently and checked strictly.</summary>
    private sealed record CompletionRequest(string Model, List<ChatMessage> Messages, ChatOptions Options, bool Stream, bool IncludeUsage)
    {
        public static CompletionRequest Parse(JsonElement root, int maxNewTokens)
        {
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new CompletionRequestException("The request body must be a JSON object.", null);
            }

            var model = String(root, "model") ?? throw new CompletionRequestException("'model' is required.", "model");
            if (!root.TryGetProperty("messages", out var messagesElement) || messagesElement.ValueKind != JsonValueKind.Array || messagesElement.GetArrayLength() == 0)
            {
                throw new CompletionRequestException("'messages' must be a non-empty array.", "messages");
            }

            var messages = new List<ChatMessage>();
            var index = 0;
            foreach (var m in messagesElement.EnumerateArray())
            {
                messages.Add(Message(m, index++));
            }

            if (Number(root, "n") is { } n && n != 1)
            {
                throw new CompletionRequestException("Only n = 1 is supported.", "n");
            }

            var maxTokens = Number(root, "max_completion_tokens") ?? Number(root, "max_tokens");
            if (maxTokens is { } max && (max < 1 || max > maxNewTokens))
            {
                throw new CompletionRequestException($"'max_tokens' must be between 1 and {maxNewTokens} (Generator:MaxNewTokens).", "max_tokens");
            }

            var temperature = Number(root, "temperature");
            if (temperature is < 0 or > 2)
            {
                throw new CompletionRequestException("'temperature' must be between 0 and 2.", "temperature");
            }

            var topP = Number(root, "top_p");
            if (topP is <= 0 or > 1)
            {
                throw new CompletionRequestException("'top_p' must be greater than 0 and at most 1.", "top_p");
            }

            var options = new ChatOptions
            {
                MaxOutputTokens = maxTokens is { } mt ? (int)mt : null,
                Temperature = temperature is { } t ? (float)t : null,
                TopP = topP is { } p ? (float)p : null,
                Seed = Number(root, "seed") is { } seed ? (long)seed : null,
                FrequencyPenalty = Number(root, "frequency_penalty") is { } fp ? (float)fp : null,
                StopSequences = Stops(root),
            };
            var stream = root.TryGetProperty("stream", out var s) && s.ValueKind == JsonValueKind.True;
            var includeUsage = root.TryGetProperty("stream_options", out var so) && so.ValueKind == JsonValueKind.Object
                && so.TryGetProperty("include_usage", out var iu) && iu.ValueKind == JsonValueKind.True;
            return new CompletionRequest(model, messages, options, stream, includeUsage);
        }

        private static ChatMessage Message(JsonElement m, int index)
        {
            var param = $"messages[{index}]";
            if (m.ValueKind != JsonValueKind.Object)
            {
                throw new CompletionRequestException($"{param} must be an object.", param);
            }

            var role = String(m, "role") switch
            {
                "system" or "developer" => ChatRole.System,
                "user" => ChatRole.User,
                "assistant" => ChatRole.Assistant,
                null => throw new CompletionRequestException($"{param}.role is required.", param + ".role"),
                var other => throw new CompletionRequestException($"{param}.role '{other}' is not supported (system, developer, user, assistant).", param + ".role"),
            };
            if (!m.TryGetProperty("content", out var content))
            {
                throw new CompletionRequestException($"{param}.content is required.", param + ".content");
            }

            return new ChatMessage(role, Content(content, param + ".content"));
        }

        /// <summary>A string, or an array of parts of which only text parts are supported.</summary>
        private static string Content(JsonElement content, string param)
        {
            switch (content.ValueKind)
            {
                case JsonValueKind.String:
                    return content.GetString()!;
                case JsonValueKind.Array:
                    var text = new StringBuilder();
                    foreach (var part in content.EnumerateArray())
                    {
                        if (part.ValueKind != JsonValueKind.Object || String(part, "type") != "text" || String(part, "text") is not { } piece)
                        {
                            throw new CompletionRequestException($"{param}: only text parts are supported.", param);
                        }

                        text.Append(piece);
                    }

                    return text.ToString();
                default:
                    throw new CompletionRequestException($"{param} must be a string or an array of text parts.", param);
            }
        }

        private static List<string>? Stops(JsonElement root)
        {
            if (!root.TryGetProperty("stop", out var stop) || stop.ValueKind == JsonValueKind.Null)
            {
                return null;
            }

            var stops = stop.ValueKind switch
            {
                JsonValueKind.String => [stop.GetString()!],
                JsonValueKind.Array when stop.EnumerateArray().All(e => e.ValueKind == JsonValueKind.String) => stop.EnumerateArray().Select(e => e.GetString()!).ToList(),
                _ => throw new CompletionRequestException("'stop' must be a string or an array of strings.", "stop"),
            };
            return stops.Count <= 4 ? stops : throw new CompletionRequestException("'stop' takes at most 4 sequences.", "stop");
        }

        private static string? String(JsonElement element, string name) =>
            !element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null ? null
            : value.ValueKind == JsonValueKind.String ? value.GetString()
            : throw new CompletionRequestException($"'{name}' must be a string.", name);

        private static double? Number(JsonElement element, string name) =>
            !element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null ? null
            : value.ValueKind == JsonValueKind.Number ? value.GetDouble()
            : throw new CompletionRequestException($"'{name}' must be a number.", name);
    }
}
