using System.ComponentModel.DataAnnotations;

namespace RagPlatform.Core.Jobs;

/// <summary>How a process takes jobs from the queue (the web host's worker, or <c>ragp worker</c>).</summary>
public sealed class WorkerOptions
{
    public const string SectionName = "Worker";

    /// <summary>Whether the web host runs queued jobs itself (true by default; set false when separate <c>ragp worker</c> processes do).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How long a claimed job stays this worker's without a heartbeat; after that another worker takes it back.</summary>
    [Range(3, 3600)]
    public int LeaseSeconds { get; set; } = 30;

    /// <summary>How often the running job's lease is renewed; well under <see cref="LeaseSeconds"/>.</summary>
    [Range(1, 1200)]
    public int HeartbeatSeconds { get; set; } = 10;

    /// <summary>How often an idle worker looks for a job.</summary>
    [Range(1, 600)]
    public int PollSeconds { get; set; } = 2;
}
