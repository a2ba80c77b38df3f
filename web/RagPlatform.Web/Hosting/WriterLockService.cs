using Microsoft.Extensions.Options;
using RagPlatform.Core.Storage;
using RagPlatform.Storage;

namespace RagPlatform.Web.Hosting;

/// <summary>
/// Takes the data directory's write lock before anything else starts (recovery, migrations, the worker), so a second
/// server or a CLI writer on the same directory is refused instead of corrupting this one's indexes. On PostgreSQL the
/// lock is shared with the <c>ragp worker</c> processes of the same deployment: the job claim gives each collection
/// one writer at a time (ADR 0011).
/// </summary>
internal sealed class WriterLockService(WriterLock writerLock, IConfiguration configuration, IOptions<StorageOptions> storage) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var urls = configuration["urls"];
        var role = $"the server at {(string.IsNullOrWhiteSpace(urls) ? WebHostingExtensions.DefaultUrl : urls)}";
        if (RagDbContextConfigurator.IsPostgres(storage.Value))
        {
            writerLock.AcquireShared(role);
        }
        else
        {
            writerLock.Acquire(role);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
