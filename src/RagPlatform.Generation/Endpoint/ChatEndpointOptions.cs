using System.ComponentModel.DataAnnotations;

namespace RagPlatform.Generation.Endpoint;

/// <summary>
/// An OpenAI-compatible chat endpoint (section "Chat"): Ollama, vLLM, llama.cpp's server, Azure OpenAI's v1 route,
/// OpenAI itself. No endpoint: no client is registered and nothing calls the network.
/// </summary>
public sealed class ChatEndpointOptions : IValidatableObject
{
    public const string SectionName = "Chat";

    /// <summary>The base URL, e.g. <c>http://127.0.0.1:8000/v1</c>; the client appends <c>/chat/completions</c>.</summary>
    public string? Endpoint { get; set; }

    /// <summary>The model name the server expects (required with an endpoint).</summary>
    public string? Model { get; set; }

    /// <summary>Sent as a bearer token when set; local servers usually need none, and then no Authorization header is sent.</summary>
    public string? ApiKey { get; set; }

    /// <summary>The longest one request may take, streamed or not, before it is abandoned.</summary>
    [Range(1, 3600)]
    public int TimeoutSeconds { get; set; } = 120;

    /// <summary>A stream that has sent no text this long after the request started is abandoned (prefill of a long prompt counts).</summary>
    [Range(1, 3600)]
    public int FirstTokenTimeoutSeconds { get; set; } = 60;

    /// <summary>A stream that sent text and then nothing for this long is abandoned.</summary>
    [Range(1, 3600)]
    public int IdleTimeoutSeconds { get; set; } = 30;

    /// <summary>Retries of a failed request (0: none, so an unreachable server fails fast on an offline laptop).</summary>
    [Range(0, 10)]
    public int MaxRetries { get; set; }

    /// <summary>Whether an endpoint is configured.</summary>
    public bool IsConfigured => !string.IsNullOrWhiteSpace(Endpoint);

    /// <summary>The endpoint as a URI (only when configured and valid).</summary>
    public Uri ToUri() => new(Endpoint!.Trim(), UriKind.Absolute);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!IsConfigured)
        {
            yield break;
        }

        if (!Uri.TryCreate(Endpoint!.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            yield return new ValidationResult($"Chat:Endpoint must be an absolute http or https URL such as http://127.0.0.1:8000/v1; got '{Endpoint}'.", [nameof(Endpoint)]);
        }

        if (string.IsNullOrWhiteSpace(Model))
        {
            yield return new ValidationResult("Chat:Model is required with Chat:Endpoint: the model name the server serves.", [nameof(Model)]);
        }
    }
}
