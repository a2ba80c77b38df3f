using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using RagPlatform.Tests.Storage;

namespace RagPlatform.Web.Tests.Api;

/// <summary>
/// The real server (SQLite, Lucene, decoders, worker) on a fresh temp data directory; on a database of its own on the
/// run's PostgreSQL when <see cref="TestPostgres.Enabled"/>.
/// </summary>
public sealed class RagWebFactory : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;

    public RagWebFactory(IDictionary<string, string?>? settings = null)
    {
        DataDirectory = Path.Combine(Path.GetTempPath(), "ragp-web-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(DataDirectory);
        _settings = new Dictionary<string, string?>
        {
            ["Storage:DataDirectory"] = DataDirectory,
            ["Samples:Path"] = string.Empty,
            // Embedding every chunk costs minutes on a 2-core CI machine; HybridApiTests turns it on for one small corpus.
            ["Embedding:Enabled"] = "false",
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

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
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
