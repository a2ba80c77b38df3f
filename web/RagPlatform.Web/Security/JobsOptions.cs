namespace RagPlatform.Web.Security;

/// <summary>Which server folders POST /api/jobs may index (section "Jobs").</summary>
internal sealed class JobsOptions
{
    public const string SectionName = "Jobs";

    /// <summary>
    /// Folders a job's path must lie in (after resolving symbolic links); empty: only the samples folder (Samples:Path).
    /// The data directory is never allowed, even inside a root.
    /// </summary>
    public List<string> Roots { get; set; } = [];
}
