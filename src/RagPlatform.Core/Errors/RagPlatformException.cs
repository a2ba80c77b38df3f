namespace RagPlatform.Core.Errors;

/// <summary>Base of every error the platform raises on purpose. <see cref="IsTransient"/> says whether a retry may succeed.</summary>
public abstract class RagPlatformException : Exception
{
    /// <summary>Creates the exception.</summary>
    protected RagPlatformException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }

    /// <summary>Whether retrying the same operation later may succeed.</summary>
    public virtual bool IsTransient => false;
}
