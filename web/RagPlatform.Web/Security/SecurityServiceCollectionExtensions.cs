using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using RagPlatform.Storage;
using RagPlatform.Web.Audit;

namespace RagPlatform.Web.Security;

/// <summary>
/// Registers who may use the server: accounts (ASP.NET Core Identity in the metadata database) signing in to the UI
/// with a cookie, API keys (configured, or issued to accounts), optional OpenID Connect, and the reader/writer/admin
/// policies that every route and page requires.
/// </summary>
internal static class SecurityServiceCollectionExtensions
{
    /// <summary>Picks the cookie or the key per request; see <see cref="SelectScheme"/>.</summary>
    public const string SchemeName = "Rag";

    public const string LoginPath = "/account/login";

    /// <summary>Length is what makes a password strong; no composition rules (NIST SP 800-63B).</summary>
    public const int MinPasswordLength = 12;

    public static IServiceCollection AddRagSecurity(this IServiceCollection services)
    {
        services.AddOptions<ApiKeyOptions>().BindConfiguration(ApiKeyOptions.SectionName).ValidateDataAnnotations()
            .Validate(o => o.Keys.All(k => k.Key.Length >= 16), "Every API key (Auth:Keys:n:Key) must be at least 16 characters.")
            .Validate(o => o.Keys.All(k => Roles.Expand(k.Role).Count > 0), "Every API key's role must be reader, writer or admin.")
            .Validate(o => string.IsNullOrWhiteSpace(o.Admin.Email) || o.Admin.Email.Contains('@', StringComparison.Ordinal), "Auth:Admin:Email must be an e-mail address.")
            .Validate(o => string.IsNullOrEmpty(o.Admin.Password) || o.Admin.Password.Length >= MinPasswordLength, $"Auth:Admin:Password must be at least {MinPasswordLength} characters.")
            .ValidateOnStart();

        // Identity's stores take a context from the request scope; the pool hands it out (SQLite or PostgreSQL).
        services.AddScoped(provider => provider.GetRequiredService<IDbContextFactory<RagDbContext>>().CreateDbContext());
        services.AddHttpContextAccessor();
        services.AddIdentityCore<IdentityUser>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.Password.RequiredLength = MinPasswordLength;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireDigit = false;
                o.Lockout.AllowedForNewUsers = true;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<RagDbContext>()
            .AddSignInManager();
        services.AddOptions<IdentityOptions>().Configure<IOptions<ApiKeyOptions>>((identity, auth) =>
        {
            identity.Lockout.MaxFailedAccessAttempts = auth.Value.LockoutAttempts;
            identity.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(auth.Value.LockoutMinutes);
        });
        // A role or collection taken from an account reaches its open sessions within a minute (the security stamp).
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));

        var authentication = services.AddAuthentication(SchemeName)
            .AddPolicyScheme(SchemeName, "Cookie or API key", o => o.ForwardDefaultSelector = SelectScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        authentication.AddIdentityCookies();
        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = LoginPath;
            o.AccessDeniedPath = "/account/denied";
            o.Cookie.Name = "ragp.auth";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.HttpOnly = true;
            o.SlidingExpiration = true;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            // API callers get the status, not a redirect to the sign-in page.
            o.Events.OnRedirectToLogin = c => Answer(c, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = c => Answer(c, StatusCodes.Status403Forbidden);
        });
        AddOidc(services);

        services.AddAuthorizationBuilder()
            .AddPolicy(Roles.Reader, p => p.RequireRole(Roles.AtLeast(Roles.Reader)))
            .AddPolicy(Roles.Writer, p => p.RequireRole(Roles.AtLeast(Roles.Writer)))
            .AddPolicy(Roles.Admin, p => p.RequireRole(Roles.AtLeast(Roles.Admin)));
        services.AddCascadingAuthenticationState();

        services.AddSingleton<UserKeys>();
        services.AddSingleton<AccountAdmin>();
        services.AddHostedService<AdminAccountSeeder>();

        services.AddOptions<AuditOptions>().BindConfiguration(AuditOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<AuditLog>();
        services.AddSingleton<AuditRetention>();
        services.AddHostedService(provider => provider.GetRequiredService<AuditRetention>());
        return services;
    }

    /// <summary>
    /// A request that presents a key (or any request on an open server) is the key's; anything else is the UI's cookie.
    /// A key never falls back to the cookie, so a script cannot ride a browser session.
    /// </summary>
    private static string SelectScheme(HttpContext context)
        => context.RequestServices.GetRequiredService<IOptions<ApiKeyOptions>>().Value.Open || ApiKeyAuthenticationHandler.PresentsKey(context.Request)
            ? ApiKeyAuthenticationHandler.SchemeName
            : IdentityConstants.ApplicationScheme;

    private static Task Answer(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        var path = context.Request.Path;
        if (path.StartsWithSegments("/api") || path.StartsWithSegments("/v1") || path.StartsWithSegments("/openapi"))
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }

        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }

    // Configuration only, and only when configured: a remote scheme runs on every request (to catch its callback), so an
    // unconfigured one must not be registered. The provider signs in to the external cookie; AccountEndpoints then
    // links it to an existing account by e-mail.
    private static void AddOidc(IServiceCollection services)
    {
        services.AddOptions<AuthenticationOptions>().Configure<IOptions<ApiKeyOptions>>((o, auth) =>
        {
            if (auth.Value.Oidc.Enabled)
            {
                o.AddScheme<OpenIdConnectHandler>(OidcOptions.Scheme, auth.Value.Oidc.DisplayName);
            }
        });
        services.AddOptions<OpenIdConnectOptions>(OidcOptions.Scheme).Configure<IOptions<ApiKeyOptions>>((o, auth) =>
        {
            var oidc = auth.Value.Oidc;
            o.Authority = oidc.Authority;
            o.ClientId = oidc.ClientId;
            o.ClientSecret = string.IsNullOrEmpty(oidc.ClientSecret) ? null : oidc.ClientSecret;
            o.RequireHttpsMetadata = oidc.RequireHttpsMetadata;
            o.ResponseType = "code";
            o.UsePkce = true;
            o.SignInScheme = IdentityConstants.ExternalScheme;
            o.CallbackPath = "/account/oidc-callback";
            o.Scope.Add("email");
            o.MapInboundClaims = false;
        });
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<OpenIdConnectOptions>, OpenIdConnectPostConfigureOptions>());
        services.AddTransient<OpenIdConnectHandler>();
    }
}
