using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using RagPlatform.Core.Indexing;
using RagPlatform.Web.Errors;
using RagPlatform.Web.Security;
using RagPlatform.Web.Workers;
using Scalar.AspNetCore;

namespace RagPlatform.Web.Hosting;

/// <summary>Wiring of the web host: configuration sources, HTTP services, the worker and the loopback rule.</summary>
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
        services.AddProblemDetails();
        services.AddExceptionHandler<RagExceptionHandler>();
        services.AddOpenApi();
        services.AddRagApiKeys();
        services.AddOptions<SamplesOptions>().BindConfiguration(SamplesOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<FormOptions>().Configure<IOptions<IngestionOptions>>((form, ingestion) =>
            form.MultipartBodyLengthLimit = Math.Max(form.MultipartBodyLengthLimit, ingestion.Value.MaxFileBytes * 4));
        services.AddSingleton<JobSignal>();
        services.AddSingleton<UploadStore>();
        // First: no hosted service may recover or write before this process holds the data directory.
        services.AddHostedService<WriterLockService>();
        services.AddHostedService<IndexingWorker>();
        services.AddHostedService<LoopbackGuard>();
        return services;
    }

    /// <summary>The Scalar API browser at /scalar, served by the app itself (no CDN).</summary>
    public static WebApplication MapRagScalar(this WebApplication app)
    {
        app.MapScalarApiReference("/scalar");
        return app;
    }
}
