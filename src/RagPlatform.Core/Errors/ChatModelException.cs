namespace RagPlatform.Core.Errors;

/// <summary>
/// A chat model did not deliver a complete answer: it timed out (whole request, first token, or a stalled stream) or
/// its stream ended before the model said it had finished. The message says which, for the answer's trace.
/// </summary>
public sealed class ChatModelException : RagPlatformException
{
    /// <summary>Creates the exception.</summary>
    public ChatModelException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }

    /// <inheritdoc />
    public override bool IsTransient => true;
}
