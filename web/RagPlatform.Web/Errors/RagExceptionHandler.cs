using Microsoft.AspNetCore.Diagnostics;
using RagPlatform.Core.Errors;

namespace RagPlatform.Web.Errors;

/// <summary>Maps the platform's exceptions to RFC 7807 ProblemDetails; anything else is a 500 without internals.</summary>
internal sealed class RagExceptionHandler(IProblemDetailsService problems, ILogger<RagExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, title) = exception switch
        {
            InvalidRequestException => (StatusCodes.Status400BadRequest, "Invalid request"),
            BadHttpRequestException bad => (bad.StatusCode, "Invalid request"),
            NotFoundException => (StatusCodes.Status404NotFound, "Not found"),
            DocumentFormatException => (StatusCodes.Status422UnprocessableEntity, "Unreadable document"),
            IndexUnavailableException => (StatusCodes.Status503ServiceUnavailable, "Index unavailable"),
            OperationCanceledException when httpContext.RequestAborted.IsCancellationRequested => (499, "Client closed request"),
            _ => (StatusCodes.Status500InternalServerError, "Internal error"),
        };

        if (status >= 500)
        {
            Log.Unhandled(logger, exception, httpContext.Request.Path);
        }

        httpContext.Response.StatusCode = status;
        var detail = status == StatusCodes.Status500InternalServerError ? "The server hit an unexpected error; it has been logged." : exception.Message;
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

        return await problems.TryWriteAsync(context);
    }
}
