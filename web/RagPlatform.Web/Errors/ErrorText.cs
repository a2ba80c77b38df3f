using RagPlatform.Core.Errors;

namespace RagPlatform.Web.Errors;

/// <summary>Turns an exception into one readable sentence for the page (never a stack trace).</summary>
internal static class ErrorText
{
    public static string Describe(Exception error) => error switch
    {
        RagPlatformException => error.Message,
        OperationCanceledException => "The request was cancelled.",
        IOException => "A file could not be read or written: " + error.Message,
        _ => "The server could not finish this request. Try again; if it keeps failing, the server log has the details.",
    };
}
