using Microsoft.Extensions.Options;
using RagPlatform.Web.Errors;

namespace RagPlatform.Web.Security;

/// <summary>
/// With no API key configured the server trusts every loopback caller, so any web page the user has open could post
/// to it (a form or a no-cors fetch needs no preflight). This refuses state-changing /api requests that a browser marks
/// as coming from another site (Sec-Fetch-Site) or from another origin (Origin whose host:port is not this Host).
/// Requests without either header (curl, scripts) and same-origin ones (the UI's own uploads) pass. The same holds for
/// requests signed in by the UI's cookie (SameSite=Strict is the first defence). A request that presents a key is not
/// checked: a cross-site form cannot send X-Api-Key.
/// </summary>
internal sealed class CrossSiteRequestGuard(RequestDelegate next, IOptions<ApiKeyOptions> keys)
{
    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if ((keys.Value.Open || !ApiKeyAuthenticationHandler.PresentsKey(request)) && (request.Path.StartsWithSegments("/api") || request.Path.StartsWithSegments("/v1")) && IsStateChanging(request.Method)
            && Refusal(request) is { } reason)
        {
            throw new ForbiddenException(
                $"Cross-site request refused: {reason}. State-changing API requests without an API key must come from this server's own pages or from a client that sends no Origin.");
        }

        return next(context);
    }

    private static bool IsStateChanging(string method)
        => HttpMethods.IsPost(method) || HttpMethods.IsPut(method) || HttpMethods.IsPatch(method) || HttpMethods.IsDelete(method);

    private static string? Refusal(HttpRequest request)
    {
        var site = request.Headers["Sec-Fetch-Site"].ToString();
        if (site.Equals("cross-site", StringComparison.OrdinalIgnoreCase) || site.Equals("same-site", StringComparison.OrdinalIgnoreCase))
        {
            return $"the browser marked it Sec-Fetch-Site: {site}";
        }

        var origin = request.Headers.Origin.ToString();
        if (origin.Length == 0)
        {
            return null;
        }

        if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || uri.Host.Length == 0)
        {
            // "null" is sent by sandboxed frames, file:// pages and redirects across origins.
            return $"its Origin '{origin}' is opaque or malformed";
        }

        var host = request.Host;
        var port = host.Port ?? (request.IsHttps ? 443 : 80);
        return string.Equals(uri.Host, host.Host, StringComparison.OrdinalIgnoreCase) && uri.Port == port
            ? null
            : $"its Origin '{origin}' is not this server ({host.Value})";
    }
}
