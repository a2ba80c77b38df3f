using RagPlatform.Web.Hosting;

namespace RagPlatform.Web.Errors;

/// <summary>
/// Details for the ProblemDetails of statuses the framework sets without saying why (authorization, routing, content
/// negotiation, all written by UseStatusCodePages), so no API error arrives with an empty detail.
/// </summary>
internal static class StatusDetails
{
    public static void Fill(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        if (!string.IsNullOrEmpty(problem.Detail))
        {
            return;
        }

        problem.Detail = problem.Status switch
        {
            StatusCodes.Status401Unauthorized => "Send a valid API key in the X-Api-Key header.",
            StatusCodes.Status403Forbidden => "This API key's role does not allow this request (reader < writer < admin).",
            StatusCodes.Status404NotFound => $"No route {context.HttpContext.Request.Method} {context.HttpContext.Request.Path}.",
            StatusCodes.Status405MethodNotAllowed => $"{context.HttpContext.Request.Method} is not allowed on {context.HttpContext.Request.Path}.",
            StatusCodes.Status413PayloadTooLarge => RequestBodyLimit.Of(context.HttpContext)?.Describe(null) ?? "The request body is too large.",
            StatusCodes.Status415UnsupportedMediaType => "Unsupported Content-Type: send JSON bodies as application/json and uploads as multipart/form-data.",
            _ => problem.Detail,
        };
    }
}
