using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.WebUtilities;
using RagPlatform.Core.Errors;
using RagPlatform.Web.Hosting;

namespace RagPlatform.Web.Errors;

/// <summary>Maps the platform's exceptions to RFC 7807 ProblemDetails; anything else is a 500 without internals.</summary>
internal sealed class RagExceptionHandler(IProblemDetailsService problems, ILogger<RagExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, title) = Classify(httpContext, exception);

        if (status >= 500)
        {
            Log.Unhandled(logger, exception, httpContext.Request.Path);
        }

        httpContext.Response.StatusCode = status;
        var detail = status == StatusCodes.Status500InternalServerError ? "The server hit an unexpected error; it has been logged." : DetailOf(httpContext, exception);
        var context = new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        };
        if (exception is RagPlatformException rag)
        {
            context.ProblemDetails.Extensions["transient"] = rag.IsTransient;
        }

        if (await problems.TryWriteAsync(context))
        {
            return true;
        }

        // Outside /api a caller that accepts no JSON (a browser page) still gets the status and the reason, not a 500.
        httpContext.Response.ContentType = "text/plain; charset=utf-8";
        await httpContext.Response.WriteAsync($"{title}: {detail}", cancellationToken);
        return true;
    }

    /// <summary>The status and title an exception is answered with (the audit trail records the same status).</summary>
    public static (int Status, string Title) Classify(HttpContext httpContext, Exception exception) => exception switch
    {
        InvalidRequestException => (StatusCodes.Status400BadRequest, "Invalid request"),
        BadHttpRequestException bad => (bad.StatusCode, ReasonPhrases.GetReasonPhrase(bad.StatusCode)),
        ForbiddenException => (StatusCodes.Status403Forbidden, "Forbidden"),
        NotFoundException => (StatusCodes.Status404NotFound, "Not found"),
        ConflictException => (StatusCodes.Status409Conflict, "Conflict"),
        PayloadTooLargeException => (StatusCodes.Status413PayloadTooLarge, "Payload too large"),
        UnsupportedFileTypeException => (StatusCodes.Status415UnsupportedMediaType, "Unsupported file type"),
        DocumentFormatException => (StatusCodes.Status422UnprocessableEntity, "Unreadable document"),
        IndexUnavailableException => (StatusCodes.Status503ServiceUnavailable, "Index unavailable"),
        OperationCanceledException when httpContext.RequestAborted.IsCancellationRequested => (499, "Client closed request"),
        _ => (StatusCodes.Status500InternalServerError, "Internal error"),
    };

    private static string DetailOf(HttpContext httpContext, Exception exception) => exception switch
    {
        // The framework's own message says which parameter; the JSON error says what and where (path, line, byte).
        BadHttpRequestException { InnerException: JsonException json } bad => $"{bad.Message} {json.Message}",
        BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } when RequestBodyLimit.Of(httpContext) is { } limit
            => limit.Describe(httpContext.Request.ContentLength),
        _ => exception.Message,
    };
}
