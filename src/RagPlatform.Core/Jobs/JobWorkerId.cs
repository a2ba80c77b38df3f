namespace RagPlatform.Core.Jobs;

/// <summary>Names a worker process in the job rows it leases: machine, process id and a random suffix (pids are reused).</summary>
public static class JobWorkerId
{
    /// <summary>This process's worker id.</summary>
    public static string ForThisProcess { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid().ToString("N")[..8]}";
}
