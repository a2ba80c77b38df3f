using System.Globalization;
using System.Text.Json;
using RagPlatform.Web.Errors;

namespace RagPlatform.Web.Audit;

/// <summary>
/// Records the audited API routes after they answer, refusals included (a 403 or 404 says someone tried): the route
/// table below names each one's action; the collection comes from the route, the query or the JSON body.
/// </summary>
internal sealed class AuditMiddleware(RequestDelegate next, AuditLog audit)
{
    private const int MaxBodyBytes = 64 * 1024;

    private static readonly Dictionary<(string Method, string Pattern), string> s_routes = new()
    {
        [("GET", "/api/search")] = AuditAction.Search,
        [("POST", "/api/search")] = AuditAction.Search,
        [("POST", "/api/ask")] = AuditAction.Ask,
        [("GET", "/api/documents/{id:guid}/file")] = AuditAction.Open,
        [("GET", "/api/documents/{id:guid}/text")] = AuditAction.Open,
        [("POST", "/api/collections/{collection}/documents")] = AuditAction.Upload,
        [("POST", "/api/jobs")] = AuditAction.Upload,
        [("DELETE", "/api/documents/{id:guid}")] = AuditAction.Delete,
        [("DELETE", "/api/collections/{collection}")] = AuditAction.Delete,
    };

    /// <summary>The audited routes (for the test that checks each exists in the route table).</summary>
    public static IReadOnlyCollection<(string Method, string Pattern)> Routes => s_routes.Keys;

    public async Task InvokeAsync(HttpContext context)
    {
        var pattern = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText?.TrimEnd('/');
        if (pattern is null || !s_routes.TryGetValue((context.Request.Method, pattern), out var action))
        {
            await next(context);
            return;
        }

        var body = HttpMethods.IsPost(context.Request.Method) && context.Request.HasJsonContentType() ? await ReadBodyAsync(context.Request) : null;
        try
        {
            await next(context);
        }
        catch (Exception ex)
        {
            // Refusals arrive as exceptions that the exception handler (further out) answers; record the status it will send.
            await RecordAsync(context, action, body, RagExceptionHandler.Classify(context, ex).Status);
            throw;
        }

        await RecordAsync(context, action, body, context.Response.StatusCode);
    }

    private Task RecordAsync(HttpContext context, string action, JsonElement? body, int status)
    {
        var collection = context.Request.RouteValues["collection"]?.ToString() ?? context.Request.Query["collection"].FirstOrDefault() ?? Field(body, "collection");
        var documentId = Guid.TryParse(context.Request.RouteValues["id"]?.ToString(), out var id) ? id : (Guid?)null;
        var text = context.Request.Query["q"].FirstOrDefault() ?? Field(body, "question") ?? Field(body, "query") ?? Field(body, "q");
        return audit.RecordAsync(context.User, action, collection?.ToLowerInvariant(), documentId, text, status.ToString(CultureInfo.InvariantCulture));
    }

    // The endpoint reads the body again: it is buffered and rewound.
    private static async Task<JsonElement?> ReadBodyAsync(HttpRequest request)
    {
        if (request.ContentLength is > MaxBodyBytes)
        {
            return null;
        }

        request.EnableBuffering(MaxBodyBytes);
        try
        {
            using var document = await JsonDocument.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            // The endpoint answers the malformed body with its own 400.
            return null;
        }
        finally
        {
            request.Body.Position = 0;
        }
    }

    private static string? Field(JsonElement? body, string name)
        => body is { ValueKind: JsonValueKind.Object } o && o.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
