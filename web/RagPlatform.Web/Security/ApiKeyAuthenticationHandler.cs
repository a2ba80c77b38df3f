using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace RagPlatform.Web.Security;

/// <summary>Authenticates the X-Api-Key header (or a Bearer token) against the configured keys; with no keys configured, trusts loopback callers.</summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IOptions<ApiKeyOptions> keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string HeaderName = "X-Api-Key";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var configured = keys.Value.Keys;
        if (configured.Count == 0)
        {
            return Task.FromResult(Success("local", Roles.Admin, []));
        }

        var presented = Presented(Request);
        if (string.IsNullOrEmpty(presented))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var presentedBytes = Encoding.UTF8.GetBytes(presented);
        foreach (var key in configured)
        {
            if (key.Key.Length > 0 && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(key.Key), presentedBytes))
            {
                return Task.FromResult(Success("key", key.Role, key.Collections));
            }
        }

        return Task.FromResult(AuthenticateResult.Fail("Unknown API key."));
    }

    /// <summary>
    /// The X-Api-Key header, else an <c>Authorization: Bearer</c> token: OpenAI clients (the /v1 routes) send their
    /// key that way.
    /// </summary>
    private static string? Presented(HttpRequest request)
    {
        var header = request.Headers[HeaderName].ToString();
        if (header.Length > 0)
        {
            return header;
        }

        var authorization = request.Headers.Authorization.ToString();
        return authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? authorization["Bearer ".Length..].Trim() : null;
    }

    private static AuthenticateResult Success(string name, string role, List<string> collections)
    {
        var claims = new List<Claim> { new(ClaimTypes.Name, name) };
        claims.AddRange(Roles.Expand(role).Select(r => new Claim(ClaimTypes.Role, r)));
        claims.AddRange(collections.Count == 0
            ? [new Claim(Roles.CollectionClaim, Roles.AllCollections)]
            : collections.Select(c => new Claim(Roles.CollectionClaim, c.ToLowerInvariant())));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }
}
