using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using RagPlatform.Tests.Storage;

namespace RagPlatform.Web.Tests.Api;

/// <summary>
/// The real server (SQLite, Lucene, decoders, worker) on a fresh temp data directory, embeddings off: in memory for the
/// API tests, or on a free loopback port (Kestrel, <see cref="Start"/>) for the browser tests. The one test-server
/// fixture of both test projects (RagPlatform.UI.Tests links this file). On a database of its own on the
/// run's PostgreSQL when <see cref="TestPostgres.Enabled"/>.
/// </summary>
public sealed class RagWebFactory : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;
    private readonly Action<IWebHostBuilder>? _configure;
    private bool _kestrel;

    /// <param name="settings">Configuration for this server (e.g. Auth:Keys).</param>
    /// <param name="configure">More settings or services for one fixture's server (e.g. a scripted chat client).</param>
    /// <param name="dataDirectory">A data directory made beforehand (e.g. by the CLI), deleted with the server; a new one when null.</param>
    public RagWebFactory(IDictionary<string, string?>? settings = null, Action<IWebHostBuilder>? configure = null, string? dataDirectory = null)
    {
        _configure = configure;
        DataDirectory = dataDirectory ?? Path.Combine(Path.GetTempPath(), "ragp-web-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(DataDirectory);
        _settings = new Dictionary<string, string?>
        {
            ["Storage:DataDirectory"] = DataDirectory,
            ["Samples:Path"] = string.Empty,
            // Embedding every chunk costs minutes on a 2-core CI machine; HybridApiTests turns it on for one small corpus.
            ["Embedding:Enabled"] = "false",
            // One OCRed page takes seconds alone but can take a minute while the other test projects run on 2 cores.
            ["Ingestion:Ocr:PageTimeout"] = "00:05:00",
        };
        if (TestPostgres.Enabled)
        {
            _settings["Storage:Provider"] = "postgres";
            _settings["Storage:ConnectionString"] = TestPostgres.NewDatabase();
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }
    }

    public string DataDirectory { get; }

    /// <summary>Starts the server once on a free loopback port and returns its base address, e.g. http://127.0.0.1:41234.</summary>
    public Uri Start()
    {
        _kestrel = true;
        UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
        return new Uri(addresses.First());
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        if (_kestrel)
        {
            builder.UseEnvironment("Development");
            builder.UseSetting("urls", "http://127.0.0.1:0");
        }

        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        _configure?.Invoke(builder);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            if (_settings.TryGetValue("Storage:ConnectionString", out var database) && database is not null
                && string.Equals(_settings.GetValueOrDefault("Storage:Provider"), "postgres", StringComparison.OrdinalIgnoreCase))
            {
                TestPostgres.DropAsync(database).GetAwaiter().GetResult();
            }

            try
            {
                Directory.Delete(DataDirectory, recursive: true);
            }
            catch (IOException)
            {
                // A file still held open by a finishing background task; the temp folder is cleaned by the OS.
            }
        }
    }
}
