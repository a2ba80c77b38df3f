namespace RagPlatform.Core.Jobs;

/// <summary>Lifecycle of a batch indexing job.</summary>
public enum JobState
{
    /// <summary>Waiting for the worker.</summary>
    Queued,

    /// <summary>Being worked on.</summary>
    Running,

    /// <summary>Every file was indexed or skipped as unchanged.</summary>
    Succeeded,

    /// <summary>Finished, but some files failed (see errors).</summary>
    PartiallyFailed,

    /// <summary>Could not run at all, or every file failed.</summary>
    Failed,

    /// <summary>Stopped on request.</summary>
    Cancelled,
}
