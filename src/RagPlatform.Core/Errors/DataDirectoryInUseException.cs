namespace RagPlatform.Core.Errors;

/// <summary>Another process holds the data directory's write lock; the message names it.</summary>
public sealed class DataDirectoryInUseException : RagPlatformException
{
    /// <summary>Creates the exception.</summary>
    public DataDirectoryInUseException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }

    /// <summary>The holder may finish and release the lock.</summary>
    public override bool IsTransient => true;
}
