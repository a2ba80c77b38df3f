using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using RagPlatform.Core.Errors;
using RagPlatform.Storage;
using RagPlatform.Web.Security;

namespace RagPlatform.Web.Audit;

/// <summary>GET /api/admin/audit: the trail, newest first, as JSON or CSV (admins only).</summary>
internal static class AuditApi
{
    public const int MaxRows = 100_000;

    public static IEndpointRouteBuilder MapAuditApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/admin/audit", ExportAsync).WithTags("Admin").RequireAuthorization(Roles.Admin)
            .WithSummary("Export the audit trail")
            .WithDescription("Who searched, asked, opened, uploaded and deleted what, and when; newest first. format: json (default) or csv; "
                + "actor and action filter; limit up to 100,000 rows (default 1,000). Question text only when Audit:KeepText is on.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        return app;
    }

    private static async Task<Results<Ok<IReadOnlyList<AuditRecord>>, FileContentHttpResult>> ExportAsync(
        string? format, string? actor, string? action, int? limit, EfAuditTrail trail, CancellationToken cancellationToken)
    {
        var count = limit ?? 1000;
        if (count is < 1 or > MaxRows)
        {
            throw new InvalidRequestException($"limit must be 1 to {MaxRows}.");
        }

        var rows = await trail.ListAsync(actor, action, count, cancellationToken);
        return (format ?? "json").ToLowerInvariant() switch
        {
            "json" => TypedResults.Ok(rows),
            "csv" => TypedResults.File(Encoding.UTF8.GetBytes(AuditExport.ToCsv(rows)), "text/csv; charset=utf-8", "audit.csv"),
            _ => throw new InvalidRequestException($"format must be json or csv, not '{format}'."),
        };
    }
}
