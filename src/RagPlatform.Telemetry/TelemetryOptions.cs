using System.ComponentModel.DataAnnotations;

namespace RagPlatform.Telemetry;

/// <summary>
/// OpenTelemetry for a host: off by default, so no telemetry leaves the machine unless configured. Setting
/// <see cref="OtlpEndpoint"/> turns it on and exports traces and metrics there over OTLP.
/// </summary>
public sealed class TelemetryOptions
{
    public const string SectionName = "Telemetry";

    /// <summary>Collect the stage spans and metrics even without an exporter (another exporter registered by the host or a test reads them).</summary>
    public bool Enabled { get; set; }

    /// <summary>The OTLP collector, e.g. <c>http://127.0.0.1:4317</c> (gRPC) or <c>http://127.0.0.1:4318</c> with <see cref="Protocol"/> <c>http</c>; empty: no exporter.</summary>
    public string? OtlpEndpoint { get; set; }

    /// <summary><c>grpc</c> (default) or <c>http</c> (http/protobuf).</summary>
    [RegularExpression("^(grpc|http)$", ErrorMessage = "Telemetry:Protocol must be 'grpc' or 'http'.")]
    public string Protocol { get; set; } = "grpc";

    /// <summary>The service.name resource attribute; the host's name (ragp-web, ragp-worker) when empty.</summary>
    public string? ServiceName { get; set; }

    /// <summary>Whether anything is collected.</summary>
    public bool IsOn => Enabled || !string.IsNullOrWhiteSpace(OtlpEndpoint);
}
