using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace RagPlatform.UI.Tests;

/// <summary>The real server on a free loopback port (Kestrel) with a temp data directory and embeddings off.</summary>
public sealed class UiServer : WebApplicationFactory<Program>
{
    private readonly Action<IWebHostBuilder>? _configure;

    /// <param name="configure">More settings or services for one fixture's server (e.g. a scripted chat client).</param>
    /// <param name="dataDirectory">A data directory made beforehand (e.g. by the CLI), deleted with the server; a new one when null.</param>
    public UiServer(Action<IWebHostBuilder>? configure = null, string? dataDirectory = null)
    {
        _configure = configure;
        DataDirectory = dataDirectory ?? Path.Combine(Path.GetTempPath(), "ragp-ui-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(DataDirectory);
        UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
    }

    public string DataDirectory { get; }

    /// <summary>Starts the server once and returns its base address, e.g. http://127.0.0.1:41234.</summary>
    public Uri Start()
    {
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
        return new Uri(addresses.First());
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Storage:DataDirectory", DataDirectory);
        builder.UseSetting("Samples:Path", string.Empty);
        builder.UseSetting("Embedding:Enabled", "false");
        builder.UseSetting("urls", "http://127.0.0.1:0");
        _configure?.Invoke(builder);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            try
            {
                Directory.Delete(DataDirectory, recursive: true);
            }
            catch (IOException)
            {
                // A file a finishing background task still holds; the OS cleans temp folders.
            }
        }
    }
}
