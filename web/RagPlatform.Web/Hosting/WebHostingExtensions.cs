using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using RagPlatform.Core.Indexing;
using RagPlatform.Core.Storage;
using RagPlatform.Web.Answers;
using RagPlatform.Web.Collections;
using RagPlatform.Web.Errors;
using RagPlatform.Web.Security;
using RagPlatform.Web.Workers;
using Scalar.AspNetCore;

namespace RagPlatform.Web.Hosting;

/// <summary>Wiring of the web host: configuration sources, HTTP services, request guards, the worker and the loopback rule.</summary>
internal static class WebHostingExtensions
{
    public const string DefaultUrl = "http://127.0.0.1:5180";

    /// <summary>Serves on loopback port 5180 unless URLs are configured.</summary>
    public static WebApplicationBuilder AddRagConfiguration(this WebApplicationBuilder builder)
    {
        if (string.IsNullOrEmpty(builder.Configuration["urls"]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        return builder;
    }

    /// <summary>Adds the web host's own services: JSON, ProblemDetails, OpenAPI, API keys, uploads and the indexing worker.</summary>
    public static IServiceCollection AddRagWeb(this IServiceCollection services)
    {
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        // Ahead of the default writer, which refuses clients whose Accept names no JSON type.
        services.AddSingleton<IProblemDetailsWriter, ApiProblemDetailsWriter>();
        services.AddProblemDetails(o => o.CustomizeProblemDetails = StatusDetails.Fill);
        // A body that does not bind (malformed JSON, wrong content type) becomes a ProblemDetails that says why, in every
        // environment; otherwise production answers an empty 400.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddExceptionHandler<RagExceptionHandler>();
        services.AddOpenApi(o =>
        {
            o.AddDocumentTransformer<OperationDocs>();
            o.AddOperationTransformer<OperationDocs>();
            o.AddOperationTransformer<RateLimitDocs>();
        });
        services.AddRagQueryLimits();
        services.AddOptions<SamplesOptions>().BindConfiguration(SamplesOptions.SectionName).ValidateDataAnnotations().ValidateOnStart()
            .PostConfigure(o => o.Path = string.IsNullOrWhiteSpace(o.Path) ? o.Path : SettingsPaths.Resolve(o.Path));
        services.AddOptions<RequestLimitsOptions>().BindConfiguration(RequestLimitsOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<JobsOptions>().BindConfiguration(JobsOptions.SectionName)
            .Validate(o => o.Roots.All(r => !string.IsNullOrWhiteSpace(r)), "Every folder in Jobs:Roots must be a non-empty path.")
            .ValidateOnStart()
            .PostConfigure(o => o.Roots = [.. o.Roots.Select(r => string.IsNullOrWhiteSpace(r) ? r : SettingsPaths.Resolve(r))]);
        services.AddOptions<FormOptions>().Configure<IOptions<RequestLimitsOptions>, IOptions<IngestionOptions>>((form, limits, ingestion) =>
            form.MultipartBodyLengthLimit = limits.Value.UploadBytes(ingestion.Value.MaxFileBytes));
        services.AddRagHostFiltering();
        services.AddSingleton<JobPathPolicy>();
        services.AddSingleton<JobSignal>();
        services.AddSingleton<UploadStore>();
        services.AddSingleton<UploadCompletion>();
        services.AddSingleton<AnswerRecorder>();
        services.AddSingleton<DocumentReindexer>();
        // First: no hosted service may recover or write before this process holds the data directory.
        services.AddHostedService<WriterLockService>();
        services.AddHostedService<IndexingWorker>();
        services.AddHostedService<LoopbackGuard>();
        // After the worker: its hosted services seed the admin once the database is migrated.
        services.AddRagSecurity();
        return services;
    }

    /// <summary>
    /// Request checks that run before authentication: refuses cross-site posts when no key is configured, gives each
    /// /api route its body limit and admits searches and asks through their concurrency limits (429 beyond the queue,
    /// before any work). Routing has already picked the endpoint (WebApplication routes first).
    /// </summary>
    public static WebApplication UseRagRequestGuards(this WebApplication app)
    {
        app.UseMiddleware<CrossSiteRequestGuard>();
        app.UseMiddleware<RequestBodyLimitMiddleware>();
        app.UseRateLimiter();
        return app;
    }

    /// <summary>The Scalar API browser at /scalar, served by the app itself (no CDN).</summary>
    public static WebApplication MapRagScalar(this WebApplication app)
    {
        app.MapScalarApiReference("/scalar");
        return app;
    }
}
