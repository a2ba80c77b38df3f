using System.Security.Claims;
using Microsoft.Extensions.Options;
using RagPlatform.Storage;
using RagPlatform.Web.Security;

namespace RagPlatform.Web.Audit;

/// <summary>Writes the audit trail for API routes (<see cref="AuditMiddleware"/>) and UI pages alike.</summary>
internal sealed class AuditLog(EfAuditTrail trail, IOptions<AuditOptions> options, TimeProvider time, ILogger<AuditLog> logger)
{
    public bool KeepsText => options.Value.KeepText;

    /// <summary>Records one action; a failure to record is logged, never thrown at the caller (the action has happened).</summary>
    public async Task RecordAsync(
        ClaimsPrincipal user, string action, string? collection, Guid? documentId = null, string? text = null, string? detail = null)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        var record = new AuditRecord(
            Guid.NewGuid(), time.GetUtcNow(), ActorOf(user), action, collection, documentId,
            options.Value.KeepText ? text : null, detail is { Length: > 256 } ? detail[..256] : detail);
        try
        {
            await trail.AppendAsync(record, CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Log.AuditFailed(logger, ex, action);
        }
    }

    /// <summary>The account's e-mail (with the key's name when it used one), a configured key's label, or "local".</summary>
    public static string ActorOf(ClaimsPrincipal user)
    {
        var name = user.Identity?.IsAuthenticated == true ? user.Identity.Name ?? "unknown" : "anonymous";
        return user.FindFirst(ApiKeyAuthenticationHandler.KeyNameClaim) is { } key ? $"{name} (key {key.Value})" : name;
    }
}
