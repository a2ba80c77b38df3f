namespace RagPlatform.Core.Jobs;

/// <summary>A batch indexing job as stored: what it indexes, its state, counts, per-file errors and timings.</summary>
public sealed record JobInfo
{
    /// <summary>Job id.</summary>
    public required Guid Id { get; init; }

    /// <summary>Target collection.</summary>
    public required string Collection { get; init; }

    /// <summary>The folder or file the job indexes.</summary>
    public required string Path { get; init; }

    /// <summary>State.</summary>
    public JobState State { get; init; } = JobState.Queued;

    /// <summary>Whether <see cref="Path"/> is an upload folder whose file names are the document sources.</summary>
    public bool IsUpload { get; init; }

    /// <summary>Whether documents whose files are gone are removed.</summary>
    public bool Prune { get; init; }

    /// <summary>Files found.</summary>
    public int Total { get; init; }

    /// <summary>Files processed so far.</summary>
    public int Processed { get; init; }

    /// <summary>New documents.</summary>
    public int Added { get; init; }

    /// <summary>Replaced documents.</summary>
    public int Updated { get; init; }

    /// <summary>Skipped as unchanged.</summary>
    public int Unchanged { get; init; }

    /// <summary>Removed by pruning.</summary>
    public int Removed { get; init; }

    /// <summary>Files that failed.</summary>
    public int Failed { get; init; }

    /// <summary>Pages indexed.</summary>
    public int Pages { get; init; }

    /// <summary>Chunks indexed.</summary>
    public int Chunks { get; init; }

    /// <summary>The file being decoded while a long decode reports steps inside it (a scan's OCR); null otherwise.</summary>
    public string? Current { get; init; }

    /// <summary>What the decode of <see cref="Current"/> is doing, e.g. "OCR page 3 of 12"; null between files and once the job ends.</summary>
    public string? Step { get; init; }

    /// <summary>Per-file errors.</summary>
    public IReadOnlyList<FileError> Errors { get; init; } = [];

    /// <summary>A job-level error (for a Failed job).</summary>
    public string? Error { get; init; }

    /// <summary>When it was queued.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>When it started.</summary>
    public DateTimeOffset? StartedAt { get; init; }

    /// <summary>When it finished.</summary>
    public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>How many times a process has started running it (a server restart that re-queues it keeps the count).</summary>
    public int Attempts { get; init; }

    /// <summary>Which kind of process runs (or last ran) it; null while it has never started.</summary>
    public JobHost? RunBy { get; init; }

    /// <summary>The worker process holding the job's lease while it runs (host/pid/random), or null.</summary>
    public string? WorkerId { get; init; }

    /// <summary>
    /// Until when the running job's worker has promised to be alive (renewed by its heartbeat); a Running job whose
    /// lease has passed belongs to a dead worker and is re-queued or failed. Null for jobs run without a lease.
    /// </summary>
    public DateTimeOffset? LeaseExpiresAt { get; init; }

    /// <summary>
    /// This job after a run over <paramref name="total"/> inputs: Succeeded, Failed when every input failed, else
    /// PartiallyFailed, with the run's counts and errors.
    /// </summary>
    public JobInfo Completed(Indexing.IndexSummary summary, int total) => this with
    {
        State = summary.Failed == 0 ? JobState.Succeeded : summary.Failed == total ? JobState.Failed : JobState.PartiallyFailed,
        Processed = total,
        Added = summary.Added,
        Updated = summary.Updated,
        Unchanged = summary.Unchanged,
        Removed = summary.Removed,
        Failed = summary.Failed,
        Pages = summary.Pages,
        Chunks = summary.Chunks,
        Errors = summary.Errors,
        Current = null,
        Step = null,
    };
}
