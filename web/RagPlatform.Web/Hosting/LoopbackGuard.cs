using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using RagPlatform.Web.Security;

namespace RagPlatform.Web.Hosting;

/// <summary>Stops an open server (no API key, admin or OpenID Connect configured) that listens beyond loopback.</summary>
internal sealed class LoopbackGuard(IServer server, IOptions<ApiKeyOptions> keys, IHostApplicationLifetime lifetime, ILogger<LoopbackGuard> logger)
    : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        // Addresses are known only once the server has bound them.
        lifetime.ApplicationStarted.Register(Check);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void Check()
    {
        if (!keys.Value.Open)
        {
            return;
        }

        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var exposed = addresses.FirstOrDefault(a => !IsLoopback(a));
        if (exposed is not null)
        {
            Log.NotLoopback(logger, exposed);
            lifetime.StopApplication();
        }
    }

    private static bool IsLoopback(string address)
    {
        if (!Uri.TryCreate(address, UriKind.Absolute, out var uri))
        {
            // "http://+:80" and "http://*:80" bind every interface.
            return false;
        }

        return uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));
    }
}
