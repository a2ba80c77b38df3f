namespace RagPlatform.Core.Errors;

/// <summary>A model is missing, unreadable or of the wrong shape.</summary>
public sealed class ModelLoadException : RagPlatformException
{
    /// <summary>Creates the exception.</summary>
    public ModelLoadException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}
