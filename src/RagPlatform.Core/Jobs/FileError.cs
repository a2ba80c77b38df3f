namespace RagPlatform.Core.Jobs;

/// <summary>Why one input could not be indexed.</summary>
/// <param name="Path">The input's path or upload name.</param>
/// <param name="Error">A clear, user-facing reason.</param>
public sealed record FileError(string Path, string Error);
