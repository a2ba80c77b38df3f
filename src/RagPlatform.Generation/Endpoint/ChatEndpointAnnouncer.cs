using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace RagPlatform.Generation.Endpoint;

/// <summary>Says at start which chat endpoint answers (host and model, never the key), so a surprise call is visible.</summary>
internal sealed class ChatEndpointAnnouncer(IOptions<ChatEndpointOptions> options, ILogger<ChatEndpointAnnouncer> logger, bool used) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        if (!used)
        {
            Log.EndpointUnused(logger);
        }
        else
        {
            Log.ChatEndpoint(logger, o.Model!, o.ToUri().Authority, o.TimeoutSeconds, o.FirstTokenTimeoutSeconds, o.IdleTimeoutSeconds, o.MaxRetries);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
