using System.Diagnostics.Metrics;

namespace RagPlatform.Core.Diagnostics;

/// <summary>
/// The platform's single <see cref="Meter"/>: documents indexed, job and search latencies, and the job queue's depth
/// (last seen by this process's worker). HTTP request counts and latencies come from ASP.NET Core's own meter.
/// </summary>
public static class RagMetrics
{
    /// <summary>Name of the meter, for OpenTelemetry wiring.</summary>
    public const string MeterName = "RagPlatform";

    private static readonly Meter s_meter = new(MeterName);
    private static long s_queued;

    /// <summary>Documents added or replaced by indexing jobs.</summary>
    public static readonly Counter<long> DocumentsIndexed = s_meter.CreateCounter<long>("ragp.documents.indexed", "{document}", "Documents added or replaced by indexing jobs");

    /// <summary>Chunks written by indexing jobs.</summary>
    public static readonly Counter<long> ChunksIndexed = s_meter.CreateCounter<long>("ragp.chunks.indexed", "{chunk}", "Chunks written by indexing jobs");

    /// <summary>How long indexing jobs ran, by final state.</summary>
    public static readonly Histogram<double> JobDuration = s_meter.CreateHistogram<double>("ragp.job.duration", "s", "How long indexing jobs ran");

    /// <summary>How long searches took inside the retriever, by pipeline.</summary>
    public static readonly Histogram<double> SearchDuration = s_meter.CreateHistogram<double>("ragp.search.duration", "ms", "Retrieval latency");

    /// <summary>Queued jobs, as this process's worker last counted them.</summary>
    public static readonly ObservableGauge<long> QueueDepth = s_meter.CreateObservableGauge("ragp.jobs.queued", () => Interlocked.Read(ref s_queued), "{job}", "Queued jobs, as last seen by this process's worker");

    /// <summary>Records the queue depth a worker just saw.</summary>
    public static void ReportQueued(long queued) => Interlocked.Exchange(ref s_queued, queued);
}
