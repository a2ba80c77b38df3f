using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using RagPlatform.Web.Audit;

namespace RagPlatform.Web.Security;

/// <summary>
/// The sign-in steps that are not pages: sign out (a form post with its antiforgery token), and the OpenID Connect
/// round trip, which signs in only an account an admin has created with the provider's e-mail.
/// </summary>
internal static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        var account = app.MapGroup("/account").ExcludeFromDescription();
        account.MapPost("/logout", LogoutAsync);
        account.MapGet("/external", External).AllowAnonymous();
        account.MapGet("/external-callback", ExternalCallbackAsync).AllowAnonymous();
        return app;
    }

    private static async Task<RedirectHttpResult> LogoutAsync(SignInManager<IdentityUser> signIn, [FromForm] string? returnUrl)
    {
        await signIn.SignOutAsync();
        return TypedResults.LocalRedirect(SafeReturn(returnUrl));
    }

    private static ChallengeHttpResult External(SignInManager<IdentityUser> signIn, IOptions<ApiKeyOptions> auth, string? returnUrl)
    {
        if (!auth.Value.Oidc.Enabled)
        {
            throw new Errors.ForbiddenException("OpenID Connect is not configured (Auth:Oidc:Authority and Auth:Oidc:ClientId).");
        }

        var redirect = $"/account/external-callback?returnUrl={Uri.EscapeDataString(SafeReturn(returnUrl))}";
        return TypedResults.Challenge(signIn.ConfigureExternalAuthenticationProperties(OidcOptions.Scheme, redirect), [OidcOptions.Scheme]);
    }

    private static async Task<RedirectHttpResult> ExternalCallbackAsync(
        SignInManager<IdentityUser> signIn, UserManager<IdentityUser> users, AuditLog audit, HttpContext http, string? returnUrl)
    {
        var info = await signIn.GetExternalLoginInfoAsync();
        if (info is null)
        {
            return TypedResults.LocalRedirect(SecurityServiceCollectionExtensions.LoginPath + "?error=external");
        }

        var result = await signIn.ExternalLoginSignInAsync(info.LoginProvider, info.ProviderKey, isPersistent: false, bypassTwoFactor: true);
        if (!result.Succeeded && !result.IsLockedOut
            && (info.Principal.FindFirstValue("email") ?? info.Principal.FindFirstValue(ClaimTypes.Email)) is { } email
            && await users.FindByEmailAsync(email) is { } user)
        {
            // First sign-in through the provider: link it to the account the admin made for this e-mail.
            await users.AddLoginAsync(user, info);
            result = await signIn.ExternalLoginSignInAsync(info.LoginProvider, info.ProviderKey, isPersistent: false, bypassTwoFactor: true);
        }

        await http.SignOutAsync(IdentityConstants.ExternalScheme);
        var who = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, info.Principal.FindFirstValue("email") ?? info.ProviderKey)], "oidc"));
        await audit.RecordAsync(who, result.Succeeded ? AuditAction.SignIn : AuditAction.SignInFailed, null, detail: "oidc");
        return result.Succeeded
            ? TypedResults.LocalRedirect(SafeReturn(returnUrl))
            : TypedResults.LocalRedirect(SecurityServiceCollectionExtensions.LoginPath + "?error=no-account");
    }

    /// <summary>A local path to go back to; anything else (another site, "//host") becomes the library.</summary>
    public static string SafeReturn(string? returnUrl)
        => !string.IsNullOrEmpty(returnUrl) && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal) && !returnUrl.StartsWith("/\\", StringComparison.Ordinal)
            ? returnUrl
            : "/";
}
