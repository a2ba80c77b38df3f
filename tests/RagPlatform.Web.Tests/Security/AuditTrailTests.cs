using System.Net.Http.Json;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RagPlatform.Storage;
using RagPlatform.Web.Audit;
using RagPlatform.Web.Security;
using RagPlatform.Web.Tests.Api;

namespace RagPlatform.Web.Tests.Security;

/// <summary>The audit trail records who searched, asked, opened, uploaded and deleted, exports it for admins, and prunes by age.</summary>
public sealed class AuditTrailTests : IDisposable
{
    private const string Reader = "auditor-subject@example.org";

    private readonly RagWebFactory _factory = new(TestAccounts.Settings(("Audit:KeepText", "true"), ("Audit:RetentionDays", "30")));

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task Actions_are_recorded_with_who_and_what_and_exported_as_json_and_csv()
    {
        await TestAccounts.CreateAsync(_factory, Reader, Roles.Writer, "casebook");
        var key = await TestAccounts.IssueKeyAsync(_factory, Reader, "nightly");
        using var client = TestAccounts.KeyClient(_factory, key.Secret);
        var accepted = await ApiClient.UploadAsync(client, "casebook", ("notice.txt", Encoding.UTF8.GetBytes("Either party may terminate on ninety days notice.")));
        await ApiClient.WaitForJobAsync(client, accepted.GetProperty("jobId").GetString()!);
        var document = (await ApiClient.GetJsonAsync(client, "/api/collections/casebook/documents"))[0].GetProperty("id").GetGuid();
        (await client.GetAsync("/api/search?q=terminate&collection=casebook")).Dispose();
        (await client.PostAsJsonAsync("/api/ask", new { question = "How much notice =1+1?", collection = "casebook" })).Dispose();
        (await client.GetAsync($"/api/documents/{document}/file")).Dispose();
        (await client.GetAsync("/api/search?q=x&collection=elsewhere")).Dispose();
        (await client.DeleteAsync($"/api/documents/{document}")).Dispose();

        using var admin = TestAccounts.KeyClient(_factory, (await TestAccounts.IssueKeyAsync(_factory, TestAccounts.AdminEmail)).Secret);
        var rows = (await ApiClient.GetJsonAsync(admin, $"/api/admin/audit?actor={Uri.EscapeDataString(Reader + " (key nightly)")}")).EnumerateArray()
            .Select(r => (Action: r.GetProperty("action").GetString(), Collection: r.GetProperty("collection").GetString(), Text: r.GetProperty("text").GetString(), Detail: r.GetProperty("detail").GetString()))
            .Reverse().ToList();
        Assert.Equal(
            [("upload", "casebook", null, "202"), ("search", "casebook", "terminate", "200"), ("ask", "casebook", "How much notice =1+1?", "200"),
             ("open", null, null, "200"), ("search", "elsewhere", "x", "403"), ("delete", null, null, "204")],
            rows.Select(r => (r.Action, r.Collection, r.Text, r.Detail)));

        var csv = await admin.GetStringAsync("/api/admin/audit?format=csv&action=ask");
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(AuditExport.CsvHeader, lines[0]);
        Assert.Contains(",How much notice =1+1?,", Assert.Single(lines[1..]), StringComparison.Ordinal);

        using var refused = await client.GetAsync("/api/admin/audit");
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, refused.StatusCode);
    }

    [Fact]
    public async Task Question_text_is_dropped_unless_configured_and_old_rows_are_pruned()
    {
        _ = _factory.Server;
        var trail = _factory.Services.GetRequiredService<EfAuditTrail>();
        var time = TimeProvider.System;
        var quiet = new AuditLog(trail, Options.Create(new AuditOptions { KeepText = false }), time, NullLogger<AuditLog>.Instance);
        var user = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity([new(System.Security.Claims.ClaimTypes.Name, "quiet@example.org")], "test"));
        await quiet.RecordAsync(user, AuditAction.Ask, "casebook", text: "a privileged question");
        Assert.Null(Assert.Single(await trail.ListAsync("quiet@example.org", null, 10, CancellationToken.None)).Text);

        await trail.AppendAsync(new AuditRecord(Guid.NewGuid(), time.GetUtcNow().AddDays(-31), "old@example.org", AuditAction.Search, "casebook", null, null, "200"), CancellationToken.None);
        await trail.AppendAsync(new AuditRecord(Guid.NewGuid(), time.GetUtcNow().AddDays(-29), "recent@example.org", AuditAction.Search, "casebook", null, null, "200"), CancellationToken.None);
        Assert.Equal(1, await _factory.Services.GetRequiredService<AuditRetention>().PruneAsync(CancellationToken.None));
        Assert.Empty(await trail.ListAsync("old@example.org", null, 10, CancellationToken.None));
        Assert.Single(await trail.ListAsync("recent@example.org", null, 10, CancellationToken.None));
    }
}
