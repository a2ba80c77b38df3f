using Microsoft.Extensions.Options;
using RagPlatform.Core.Storage;

namespace RagPlatform.Web.Security;

/// <summary>
/// On start, creates the admin named by Auth:Admin:Email (with Auth:Admin:Password, or none for an OpenID Connect-only
/// admin) when no such account exists yet. An existing account is left alone: its password is changed on the Users page.
/// </summary>
internal sealed class AdminAccountSeeder(IOptions<ApiKeyOptions> auth, IMetadataStore store, AccountAdmin accounts, ILogger<AdminAccountSeeder> logger)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var admin = auth.Value.Admin;
        if (string.IsNullOrWhiteSpace(admin.Email))
        {
            return;
        }

        // Registered after the worker, which migrates first; idempotent when it already has.
        await store.MigrateAsync(cancellationToken);
        if (await accounts.FindByEmailAsync(admin.Email, cancellationToken) is not null)
        {
            return;
        }

        await accounts.CreateAsync(admin.Email, string.IsNullOrEmpty(admin.Password) ? null : admin.Password, Roles.Admin, [Roles.AllCollections], cancellationToken);
        Log.AdminCreated(logger, admin.Email);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
