namespace RagPlatform.Core.Errors;

/// <summary>A file could not be decoded: corrupt, encrypted, unsupported, empty or too large.</summary>
public sealed class DocumentFormatException : RagPlatformException
{
    /// <summary>Creates the exception.</summary>
    public DocumentFormatException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}
