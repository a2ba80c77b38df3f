namespace RagPlatform.Generation.Runtime;

/// <summary>Where the decoder runs.</summary>
public enum ExecutionDevice
{
    Cpu,
    Cuda,
}
