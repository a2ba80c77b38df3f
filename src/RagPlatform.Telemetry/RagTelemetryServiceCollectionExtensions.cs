using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using RagPlatform.Core.Diagnostics;

namespace RagPlatform.Telemetry;

/// <summary>Wires OpenTelemetry once per host: the platform's stage spans and meter, and the OTLP exporter when configured.</summary>
public static class RagTelemetryServiceCollectionExtensions
{
    /// <summary>
    /// Adds tracing of <see cref="RagActivity.SourceName"/> and metrics of <see cref="RagMetrics.MeterName"/> when
    /// <c>Telemetry</c> is on (<see cref="TelemetryOptions.IsOn"/>); otherwise nothing is registered and no span is
    /// even created. <paramref name="tracing"/> and <paramref name="metrics"/> let the web host add its ASP.NET Core
    /// instrumentation (request spans, request counts and latencies).
    /// </summary>
    /// <remarks>Reads the section at registration time: whether the SDK is in the process at all is a start-up decision.</remarks>
    public static IServiceCollection AddRagTelemetry(
        this IServiceCollection services,
        IConfiguration configuration,
        string defaultServiceName,
        Action<TracerProviderBuilder>? tracing = null,
        Action<MeterProviderBuilder>? metrics = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<TelemetryOptions>().BindConfiguration(TelemetryOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        var options = configuration.GetSection(TelemetryOptions.SectionName).Get<TelemetryOptions>() ?? new TelemetryOptions();
        if (!options.IsOn)
        {
            return services;
        }

        var endpoint = string.IsNullOrWhiteSpace(options.OtlpEndpoint) ? null : new Uri(options.OtlpEndpoint);
        void Otlp(OtlpExporterOptions o)
        {
            o.Endpoint = endpoint!;
            o.Protocol = options.Protocol == "http" ? OtlpExportProtocol.HttpProtobuf : OtlpExportProtocol.Grpc;
        }

        services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(string.IsNullOrWhiteSpace(options.ServiceName) ? defaultServiceName : options.ServiceName))
            .WithTracing(b =>
            {
                b.AddSource(RagActivity.SourceName);
                tracing?.Invoke(b);
                if (endpoint is not null)
                {
                    b.AddOtlpExporter(Otlp);
                }
            })
            .WithMetrics(b =>
            {
                b.AddMeter(RagMetrics.MeterName);
                metrics?.Invoke(b);
                if (endpoint is not null)
                {
                    b.AddOtlpExporter(Otlp);
                }
            });
        return services;
    }
}
