using RagPlatform.Web.Audit;

namespace RagPlatform.Web.Security;

/// <summary>The request pipeline's security: who is calling, may they, and the audit trail of what they did.</summary>
internal static class SecurityApplicationExtensions
{
    public static WebApplication UseRagSecurity(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseMiddleware<AuditMiddleware>();
        return app;
    }

    /// <summary>Sign-out and OpenID Connect steps, and the admins' audit export.</summary>
    public static WebApplication MapRagAccounts(this WebApplication app)
    {
        app.MapAccountEndpoints();
        app.MapAuditApi();
        return app;
    }
}
