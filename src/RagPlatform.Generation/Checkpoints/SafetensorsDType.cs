namespace RagPlatform.Generation.Checkpoints;

/// <summary>A safetensors dtype name and its element size in bytes.</summary>
public readonly record struct SafetensorsDType(string Name, int Size)
{
    public static SafetensorsDType Parse(string name, string tensor) => name switch
    {
        "F32" or "I32" or "U32" => new(name, 4),
        "F16" or "BF16" or "I16" or "U16" => new(name, 2),
        "F64" or "I64" or "U64" => new(name, 8),
        "I8" or "U8" or "BOOL" => new(name, 1),
        _ => throw new InvalidDataException($"Tensor {tensor} has an unknown safetensors dtype '{name}'."),
    };
}
