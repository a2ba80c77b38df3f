using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using RagPlatform.Core.Collections;
using RagPlatform.Core.Errors;

namespace RagPlatform.Web.Security;

/// <summary>
/// Accounts as the Users page and the first-start seeding change them: one role each (reader, writer or admin) and the
/// collections they may touch ("*": all), kept as Identity roles and <see cref="Roles.CollectionClaim"/> claims. Each
/// call takes its own scope, so a page held open for hours never works on a stale context.
/// </summary>
internal sealed class AccountAdmin(IServiceScopeFactory scopes)
{
    public async Task<IReadOnlyList<UserAccount>> ListAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var all = await users.Users.OrderBy(u => u.Email).ToListAsync(cancellationToken);
        var accounts = new List<UserAccount>(all.Count);
        foreach (var user in all)
        {
            accounts.Add(await DescribeAsync(users, user));
        }

        return accounts;
    }

    public async Task<UserAccount?> FindByEmailAsync(string email, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        return await users.FindByEmailAsync(email.Trim()) is { } user ? await DescribeAsync(users, user) : null;
    }

    /// <summary>Creates an account with a password (null: one that signs in only through OpenID Connect).</summary>
    public async Task<UserAccount> CreateAsync(string email, string? password, string role, IReadOnlyList<string> collections, CancellationToken cancellationToken)
    {
        var address = email.Trim();
        if (!address.Contains('@', StringComparison.Ordinal))
        {
            throw new InvalidRequestException($"'{email}' is not an e-mail address.");
        }

        var scopeNames = Normalize(collections);
        CheckRole(role);
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        if (await users.FindByEmailAsync(address) is not null)
        {
            throw new ConflictException($"An account for {address} exists already.");
        }

        var user = new IdentityUser { UserName = address, Email = address, EmailConfirmed = true };
        Check(string.IsNullOrEmpty(password) ? await users.CreateAsync(user) : await users.CreateAsync(user, password));
        await EnsureRolesAsync(scope.ServiceProvider);
        Check(await users.AddToRoleAsync(user, role.ToLowerInvariant()));
        Check(await users.AddClaimsAsync(user, [.. scopeNames.Select(c => new Claim(Roles.CollectionClaim, c))]));
        cancellationToken.ThrowIfCancellationRequested();
        return await DescribeAsync(users, user);
    }

    /// <summary>Replaces the account's role and collections; its sessions and keys follow within a minute (keys at once).</summary>
    public async Task<UserAccount> SetAccessAsync(string userId, string role, IReadOnlyList<string> collections, CancellationToken cancellationToken)
    {
        var scopeNames = Normalize(collections);
        CheckRole(role);
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var user = await users.FindByIdAsync(userId) ?? throw new NotFoundException($"No account {userId}.");
        await EnsureRolesAsync(scope.ServiceProvider);
        Check(await users.RemoveFromRolesAsync(user, await users.GetRolesAsync(user)));
        Check(await users.AddToRoleAsync(user, role.ToLowerInvariant()));
        Check(await users.RemoveClaimsAsync(user, (await users.GetClaimsAsync(user)).Where(c => c.Type == Roles.CollectionClaim)));
        Check(await users.AddClaimsAsync(user, [.. scopeNames.Select(c => new Claim(Roles.CollectionClaim, c))]));
        Check(await users.UpdateSecurityStampAsync(user));
        cancellationToken.ThrowIfCancellationRequested();
        return await DescribeAsync(users, user);
    }

    public async Task SetPasswordAsync(string userId, string password, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var user = await users.FindByIdAsync(userId) ?? throw new NotFoundException($"No account {userId}.");
        var token = await users.GeneratePasswordResetTokenAsync(user);
        Check(await users.ResetPasswordAsync(user, token, password));
        cancellationToken.ThrowIfCancellationRequested();
    }

    public async Task UnlockAsync(string userId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var user = await users.FindByIdAsync(userId) ?? throw new NotFoundException($"No account {userId}.");
        Check(await users.SetLockoutEndDateAsync(user, null));
        Check(await users.ResetAccessFailedCountAsync(user));
        cancellationToken.ThrowIfCancellationRequested();
    }

    /// <summary>Deletes the account with its keys (their rows cascade); the audit trail keeps its e-mail.</summary>
    public async Task DeleteAsync(string userId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var user = await users.FindByIdAsync(userId) ?? throw new NotFoundException($"No account {userId}.");
        Check(await users.DeleteAsync(user));
        cancellationToken.ThrowIfCancellationRequested();
    }

    /// <summary>Parses "a, b" or "*" as typed on the Users page.</summary>
    public static IReadOnlyList<string> ParseCollections(string text)
        => [.. text.Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    private static List<string> Normalize(IReadOnlyList<string> collections)
        => [.. collections.Select(c => c == Roles.AllCollections ? c : CollectionName.Validate(c)).Distinct(StringComparer.Ordinal)];

    private static void CheckRole(string role)
    {
        if (!Roles.All.Contains(role.ToLowerInvariant()))
        {
            throw new InvalidRequestException($"'{role}' is not a role; use reader, writer or admin.");
        }
    }

    private static async Task EnsureRolesAsync(IServiceProvider services)
    {
        var roles = services.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                Check(await roles.CreateAsync(new IdentityRole(role)));
            }
        }
    }

    private static async Task<UserAccount> DescribeAsync(UserManager<IdentityUser> users, IdentityUser user)
    {
        var roles = await users.GetRolesAsync(user);
        var claims = await users.GetClaimsAsync(user);
        var role = Roles.All.LastOrDefault(roles.Contains) ?? string.Empty;
        var collections = claims.Where(c => c.Type == Roles.CollectionClaim).Select(c => c.Value).Order(StringComparer.Ordinal).ToList();
        var locked = await users.IsLockedOutAsync(user);
        return new UserAccount(user.Id, user.Email ?? user.UserName ?? user.Id, role, collections, locked, await users.HasPasswordAsync(user));
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidRequestException(string.Join(" ", result.Errors.Select(e => e.Description)));
        }
    }
}
