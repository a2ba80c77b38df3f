using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace RagPlatform.Web.Security;

/// <summary>
/// Authenticates the X-Api-Key header (or a Bearer token) against the configured keys, then against the keys issued to
/// accounts (which carry their account's role and collections as they are now); on an open server (nothing configured,
/// loopback only) every caller is the local admin.
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IOptions<ApiKeyOptions> keys,
    UserKeys userKeys,
    UserManager<IdentityUser> users,
    IUserClaimsPrincipalFactory<IdentityUser> principals)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string HeaderName = "X-Api-Key";

    /// <summary>The caller's name on an open server.</summary>
    public const string LocalUser = "local";

    /// <summary>On a request made with an account's key, the key's name (the audit trail shows it).</summary>
    public const string KeyNameClaim = "rag:key";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (keys.Value.Open)
        {
            return Success(LocalUser, Roles.Admin, []);
        }

        var presented = Presented(Request);
        if (string.IsNullOrEmpty(presented))
        {
            return AuthenticateResult.NoResult();
        }

        var presentedBytes = Encoding.UTF8.GetBytes(presented);
        var configured = keys.Value.Keys;
        for (var i = 0; i < configured.Count; i++)
        {
            var key = configured[i];
            if (key.Key.Length > 0 && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(key.Key), presentedBytes))
            {
                // Named by its place in configuration (Auth:Keys:i), never by any part of its secret.
                return Success($"key {i}", key.Role, key.Collections);
            }
        }

        return await UserKeyAsync(presented) ?? AuthenticateResult.Fail("Unknown or revoked API key.");
    }

    /// <summary>An account's key: the account's claims now (a role or collection taken away applies at once), unless it is locked out.</summary>
    private async Task<AuthenticateResult?> UserKeyAsync(string presented)
    {
        if (await userKeys.ResolveAsync(presented, Context.RequestAborted) is not { } key
            || await users.FindByIdAsync(key.UserId) is not { } user || await users.IsLockedOutAsync(user))
        {
            return null;
        }

        var account = await principals.CreateAsync(user);
        var claims = account.Claims.Append(new Claim(KeyNameClaim, key.Name));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
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

    /// <summary>Whether the request presents a key at all (then the key decides, never the UI's cookie).</summary>
    public static bool PresentsKey(HttpRequest request) => !string.IsNullOrEmpty(Presented(request));

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
