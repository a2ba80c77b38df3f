using RagPlatform.Core.Storage;

namespace RagPlatform.Web.Hosting;

/// <summary>
/// Takes the data directory's write lock before anything else starts (recovery, migrations, the worker), so a second
/// server or a CLI writer on the same directory is refused instead of corrupting this one's indexes.
/// </summary>
internal sealed class WriterLockService(WriterLock writerLock, IConfiguration configuration) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var urls = configuration["urls"];
        writerLock.Acquire($"the server at {(string.IsNullOrWhiteSpace(urls) ? WebHostingExtensions.DefaultUrl : urls)}");
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
