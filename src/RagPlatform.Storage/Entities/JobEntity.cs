using System.Text.Json;
using RagPlatform.Core.Jobs;

namespace RagPlatform.Storage.Entities;

/// <summary>A batch job row: every <see cref="JobInfo"/> field, per-file errors as JSON.</summary>
public sealed class JobEntity
{
    public Guid Id { get; set; }

    public required string Collection { get; set; }

    public required string Path { get; set; }

    public JobState State { get; set; }

    public bool IsUpload { get; set; }

    public bool Prune { get; set; }

    public int Total { get; set; }

    public int Processed { get; set; }

    public int Added { get; set; }

    public int Updated { get; set; }

    public int Unchanged { get; set; }

    public int Removed { get; set; }

    public int Failed { get; set; }

    public int Pages { get; set; }

    public int Chunks { get; set; }

    /// <summary>The file being decoded while its decode reports steps; null otherwise.</summary>
    public string? Current { get; set; }

    /// <summary>The decode's current step ("OCR page 3 of 12"); null otherwise.</summary>
    public string? Step { get; set; }

    /// <summary>Per-file errors as a JSON array of { path, error }.</summary>
    public string Errors { get; set; } = "[]";

    public string? Error { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? StartedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    public int Attempts { get; set; }

    public JobHost? RunBy { get; set; }

    /// <summary>Set only by the claim and the heartbeat (JobClaim), never from a <see cref="JobInfo"/>.</summary>
    public string? WorkerId { get; set; }

    /// <summary>Set only by the claim and the heartbeat, never from a <see cref="JobInfo"/>.</summary>
    public DateTimeOffset? LeaseExpiresAt { get; set; }

    /// <summary>The longest <see cref="Step"/> stored (the column's length).</summary>
    public const int StepMaxLength = 256;

    public static JobEntity From(JobInfo job)
    {
        var entity = new JobEntity { Id = job.Id, Collection = job.Collection, Path = job.Path };
        entity.CopyFrom(job);
        return entity;
    }

    public void CopyFrom(JobInfo job)
    {
        Collection = job.Collection;
        Path = job.Path;
        State = job.State;
        IsUpload = job.IsUpload;
        Prune = job.Prune;
        Total = job.Total;
        Processed = job.Processed;
        Added = job.Added;
        Updated = job.Updated;
        Unchanged = job.Unchanged;
        Removed = job.Removed;
        Failed = job.Failed;
        Pages = job.Pages;
        Chunks = job.Chunks;
        Current = job.Current;
        Step = job.Step is { Length: > StepMaxLength } step ? step[..StepMaxLength] : job.Step;
        Errors = JsonSerializer.Serialize(job.Errors, StorageJson.Default.IReadOnlyListFileError);
        Error = job.Error;
        CreatedAt = job.CreatedAt;
        StartedAt = job.StartedAt;
        FinishedAt = job.FinishedAt;
        Attempts = job.Attempts;
        RunBy = job.RunBy;
    }

    public JobInfo ToInfo() => new()
    {
        Id = Id,
        Collection = Collection,
        Path = Path,
        State = State,
        IsUpload = IsUpload,
        Prune = Prune,
        Total = Total,
        Processed = Processed,
        Added = Added,
        Updated = Updated,
        Unchanged = Unchanged,
        Removed = Removed,
        Failed = Failed,
        Pages = Pages,
        Chunks = Chunks,
        Current = Current,
        Step = Step,
        Errors = JsonSerializer.Deserialize(Errors, StorageJson.Default.IReadOnlyListFileError) ?? [],
        Error = Error,
        CreatedAt = CreatedAt,
        StartedAt = StartedAt,
        FinishedAt = FinishedAt,
        Attempts = Attempts,
        RunBy = RunBy,
        WorkerId = WorkerId,
        LeaseExpiresAt = LeaseExpiresAt,
    };
}
