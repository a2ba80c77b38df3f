namespace RagPlatform.Core.Errors;

/// <summary>An index cannot be opened or written: locked by another process, corrupt, or built by another model.</summary>
public sealed class IndexUnavailableException : RagPlatformException
{
    private readonly bool _isTransient;

    /// <summary>Creates the exception.</summary>
    public IndexUnavailableException(string message, bool isTransient, Exception? inner = null)
        : base(message, inner)
    {
        _isTransient = isTransient;
    }

    /// <inheritdoc />
    public override bool IsTransient => _isTransient;
}
