namespace RagPlatform.Core.Errors;

/// <summary>A request that contradicts what exists (a collection created twice, a rename onto a taken name).</summary>
public sealed class ConflictException : RagPlatformException
{
    /// <summary>Creates the exception.</summary>
    public ConflictException(string message)
        : base(message)
    {
    }
}
