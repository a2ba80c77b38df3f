using System.ClientModel;
using System.ClientModel.Primitives;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using OpenAI;

namespace RagPlatform.Generation.Endpoint;

/// <summary>Builds the <see cref="IChatClient"/> for an OpenAI-compatible endpoint: the OpenAI SDK's chat client, guarded.</summary>
public static class ChatEndpointClient
{
    private const int NetworkTimeoutMarginSeconds = 5;

    /// <summary>
    /// The client for <paramref name="options"/>' endpoint and model: no retries unless configured, the request
    /// timeout plus a margin as the network timeout, a bearer key only when one is set. Creating it calls nothing.
    /// </summary>
    public static IChatClient Create(ChatEndpointOptions options, TimeProvider time, ILoggerFactory loggers)
    {
        var clientOptions = new OpenAIClientOptions
        {
            Endpoint = options.ToUri(),
            // A backstop only: the guarded client's whole-request limit (TimeoutSeconds) ends the request and says so;
            // a network timeout of the same length raced it and could win with a vaguer reason.
            NetworkTimeout = TimeSpan.FromSeconds(options.TimeoutSeconds + NetworkTimeoutMarginSeconds),
            RetryPolicy = new ClientRetryPolicy(options.MaxRetries),
        };
        // The constructor taking an authentication policy is marked for evaluation; it is the SDK's only way to send no key.
#pragma warning disable OPENAI001
        var chat = string.IsNullOrEmpty(options.ApiKey)
            ? new OpenAI.Chat.ChatClient(options.Model, new NoAuthenticationPolicy(), clientOptions)
            : new OpenAI.Chat.ChatClient(options.Model, new ApiKeyCredential(options.ApiKey), clientOptions);
#pragma warning restore OPENAI001
        return new GuardedChatClient(chat.AsIChatClient(), options, time, loggers.CreateLogger("RagPlatform.Generation.Chat"));
    }
}
