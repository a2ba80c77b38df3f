namespace RagPlatform.Core.Errors;

/// <summary>A collection, document or job that does not exist.</summary>
public sealed class NotFoundException : RagPlatformException
{
    /// <summary>Creates the exception.</summary>
    public NotFoundException(string message)
        : base(message)
    {
    }
}
