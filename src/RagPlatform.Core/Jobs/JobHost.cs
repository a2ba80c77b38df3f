namespace RagPlatform.Core.Jobs;

/// <summary>Which kind of process runs a job, which decides what start-up recovery does with it if it is found Running.</summary>
public enum JobHost
{
    /// <summary>The web server's worker claimed it from the queue; after a crash it may be re-queued.</summary>
    Server,

    /// <summary>A <c>ragp</c> process runs it in-process; nobody else will finish it, so after a crash it fails.</summary>
    Cli,
}
