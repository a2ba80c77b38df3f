using System.Diagnostics;

namespace RagPlatform.Core.Diagnostics;

/// <summary>The platform's single <see cref="ActivitySource"/>; each pipeline stage opens a span on it.</summary>
public static class RagActivity
{
    /// <summary>Name of the activity source, for OpenTelemetry wiring.</summary>
    public const string SourceName = "RagPlatform";

    /// <summary>The shared source.</summary>
    public static readonly ActivitySource Source = new(SourceName);
}
