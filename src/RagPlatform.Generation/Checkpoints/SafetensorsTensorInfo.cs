namespace RagPlatform.Generation.Checkpoints;

/// <summary>Where one tensor lies in a safetensors file (offsets relative to the data section).</summary>
public sealed record SafetensorsTensorInfo(string Name, SafetensorsDType DType, long[] Shape, long Begin, long End)
{
    public long ElementCount => Shape.Aggregate(1L, (a, b) => a * b);
}
