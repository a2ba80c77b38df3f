using Microsoft.AspNetCore.Authentication;

namespace RagPlatform.Web.Security;

/// <summary>Registers API-key authentication and the reader/writer/admin policies.</summary>
internal static class ApiKeyServiceCollectionExtensions
{
    public static IServiceCollection AddRagApiKeys(this IServiceCollection services)
    {
        services.AddOptions<ApiKeyOptions>().BindConfiguration(ApiKeyOptions.SectionName)
            .Validate(o => o.Keys.All(k => k.Key.Length >= 16), "Every API key (Auth:Keys:n:Key) must be at least 16 characters.")
            .Validate(o => o.Keys.All(k => Roles.Expand(k.Role).Count > 0), "Every API key's role must be reader, writer or admin.")
            .ValidateOnStart();
        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(Roles.Reader, p => p.RequireRole(Roles.Reader))
            .AddPolicy(Roles.Writer, p => p.RequireRole(Roles.Writer))
            .AddPolicy(Roles.Admin, p => p.RequireRole(Roles.Admin));
        return services;
    }
}
