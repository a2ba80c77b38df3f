using System.ComponentModel.DataAnnotations;

namespace RagPlatform.Web.Hosting;

/// <summary>
/// Admission of the query routes (section "QueryLimits"): how many searches and asks run at once, how many wait in
/// line, and what a refused client is told. Beyond running + queued a request is a 429 at once instead of unbounded
/// latency. 0 for a concurrency means the default for this machine.
/// </summary>
internal sealed class QueryLimitsOptions
{
    public const string SectionName = "QueryLimits";

    /// <summary>Searches (GET and POST /api/search) that run at once; 0: twice the processor count.</summary>
    [Range(0, 10_000)]
    public int SearchConcurrency { get; set; }

    /// <summary>Searches that wait for a running one to finish, oldest first.</summary>
    [Range(0, 100_000)]
    public int SearchQueue { get; set; } = 200;

    /// <summary>Asks (POST /api/ask, JSON or streamed) that run at once; 0: the processor count.</summary>
    [Range(0, 10_000)]
    public int AskConcurrency { get; set; }

    /// <summary>Asks that wait, oldest first.</summary>
    [Range(0, 100_000)]
    public int AskQueue { get; set; } = 50;

    /// <summary>The Retry-After header of a 429, in seconds.</summary>
    [Range(1, 3600)]
    public int RetryAfterSeconds { get; set; } = 1;

    /// <summary>The effective number of searches run at once.</summary>
    public int SearchPermits => SearchConcurrency > 0 ? SearchConcurrency : 2 * Environment.ProcessorCount;

    /// <summary>The effective number of asks run at once.</summary>
    public int AskPermits => AskConcurrency > 0 ? AskConcurrency : Environment.ProcessorCount;
}
