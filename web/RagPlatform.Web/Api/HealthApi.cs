using Microsoft.Extensions.Options;
using RagPlatform.Core.Indexing;
using RagPlatform.Core.Storage;

namespace RagPlatform.Web.Api;

/// <summary>GET /api/health: liveness plus readiness of the database, the data directory and the indexes.</summary>
internal static class HealthApi
{
    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/health", CheckAsync).WithTags("Health").AllowAnonymous()
            .WithSummary("Liveness and readiness")
            .WithDescription("The database, the data directory, each collection's indexes (Degraded names a damaged one) and the loaded models. Needs no key.");
        return app;
    }

    private static async Task<IResult> CheckAsync(IMetadataStore store, IngestionPipeline pipeline, IndexHealth health, IOptions<StorageOptions> storage, CancellationToken cancellationToken)
    {
        var checks = new Dictionary<string, HealthCheck>();
        try
        {
            var collections = await store.ListCollectionsAsync(cancellationToken);
            checks["database"] = new HealthCheck("Healthy", $"{collections.Count} collection(s)");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            checks["database"] = new HealthCheck("Unhealthy", ex.Message);
        }

        var data = Path.GetFullPath(storage.Value.DataDirectory);
        checks["dataDirectory"] = Directory.Exists(data) ? new HealthCheck("Healthy", data) : new HealthCheck("Unhealthy", $"{data} does not exist");
        checks["indexes"] = new HealthCheck("Healthy", string.Join(", ", pipeline.IndexNames));
        checks["decoders"] = new HealthCheck("Healthy", string.Join(", ", pipeline.SupportedExtensions.Order()));
        var damaged = health.Damaged;
        checks["collections"] = damaged.Count == 0
            ? new HealthCheck("Healthy", "no damaged index")
            : new HealthCheck("Degraded", string.Join(" ", damaged.Select(d => IndexHealth.Describe(d.Key, d.Value))), [.. damaged.Keys]);

        // Degraded: the server serves every other collection, so it answers 200; Unhealthy (no database, no data
        // directory) answers 503.
        var status = checks.Values.Any(c => c.Status == "Unhealthy") ? "Unhealthy" : checks.Values.Any(c => c.Status == "Degraded") ? "Degraded" : "Healthy";
        var report = new HealthReport(status, checks);
        return status != "Unhealthy" ? TypedResults.Ok(report) : TypedResults.Json(report, statusCode: StatusCodes.Status503ServiceUnavailable);
    }

    internal sealed record HealthReport(string Status, IReadOnlyDictionary<string, HealthCheck> Checks);

    internal sealed record HealthCheck(string Status, string Detail, IReadOnlyList<string>? Collections = null);
}
