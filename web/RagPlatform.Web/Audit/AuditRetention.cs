using Microsoft.Extensions.Options;
using RagPlatform.Storage;

namespace RagPlatform.Web.Audit;

/// <summary>Prunes audit rows older than Audit:RetentionDays, once the worker has migrated and then every few hours.</summary>
internal sealed class AuditRetention(EfAuditTrail trail, IOptions<AuditOptions> options, TimeProvider time, ILogger<AuditRetention> logger)
    : BackgroundService
{
    /// <summary>Deletes what is past retention now; returns how many rows.</summary>
    public async Task<int> PruneAsync(CancellationToken cancellationToken)
    {
        var before = time.GetUtcNow() - TimeSpan.FromDays(options.Value.RetentionDays);
        var pruned = await trail.PruneAsync(before, cancellationToken);
        if (pruned > 0)
        {
            Log.AuditPruned(logger, pruned, options.Value.RetentionDays);
        }

        return pruned;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromHours(options.Value.PruneEveryHours), time);
        do
        {
            try
            {
                await PruneAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Log.AuditFailed(logger, ex, "prune");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
