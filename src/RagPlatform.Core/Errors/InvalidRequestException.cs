namespace RagPlatform.Core.Errors;

/// <summary>A request that can never succeed as given: a bad collection name, an empty or malformed query, ...</summary>
public sealed class InvalidRequestException : RagPlatformException
{
    /// <summary>Creates the exception.</summary>
    public InvalidRequestException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}
