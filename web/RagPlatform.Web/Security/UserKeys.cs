using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using RagPlatform.Core.Errors;
using RagPlatform.Storage;
using RagPlatform.Storage.Entities;

namespace RagPlatform.Web.Security;

/// <summary>
/// API keys issued to accounts: the secret is shown once, only its SHA-256 is stored, and a revoked key stays listed
/// but never authenticates again.
/// </summary>
internal sealed class UserKeys(IDbContextFactory<RagDbContext> contexts, TimeProvider time)
{
    /// <summary>Every issued secret starts so, which tells it apart from a configured key in a log or a leak scan.</summary>
    public const string SecretPrefix = "ragp_";

    public async Task<IssuedKey> IssueAsync(string userId, string name, CancellationToken cancellationToken)
    {
        var label = name.Trim();
        if (label.Length is 0 or > 64)
        {
            throw new InvalidRequestException("A key needs a name of 1 to 64 characters.");
        }

        var secret = SecretPrefix + Base64Url(RandomNumberGenerator.GetBytes(32));
        var entity = new ApiKeyEntity
        {
            Id = Guid.NewGuid(),
            UserId = userId,
            Name = label,
            Prefix = secret[..(SecretPrefix.Length + 6)],
            Hash = Hash(secret),
            CreatedAt = time.GetUtcNow(),
        };
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.ApiKeys.Add(entity);
        await db.SaveChangesAsync(cancellationToken);
        return new IssuedKey(Describe(entity), secret);
    }

    public async Task<IReadOnlyList<UserKey>> ListAsync(string userId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.ApiKeys.AsNoTracking().Where(k => k.UserId == userId).OrderBy(k => k.CreatedAt).ToListAsync(cancellationToken);
        return [.. rows.Select(Describe)];
    }

    /// <summary>Revokes the key; false when there is no such key or it was revoked already.</summary>
    public async Task<bool> RevokeAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow();
        return await db.ApiKeys.Where(k => k.Id == id && k.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(k => k.RevokedAt, now), cancellationToken) > 0;
    }

    /// <summary>The account and key name behind a presented secret, or null for an unknown or revoked one.</summary>
    public async Task<(string UserId, string Name)?> ResolveAsync(string secret, CancellationToken cancellationToken)
    {
        if (!secret.StartsWith(SecretPrefix, StringComparison.Ordinal))
        {
            return null;
        }

        var hash = Hash(secret);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var key = await db.ApiKeys.AsNoTracking().Where(k => k.Hash == hash && k.RevokedAt == null)
            .Select(k => new { k.UserId, k.Name }).FirstOrDefaultAsync(cancellationToken);
        return key is null ? null : (key.UserId, key.Name);
    }

    private static UserKey Describe(ApiKeyEntity k) => new(k.Id, k.Name, k.Prefix, k.CreatedAt, k.RevokedAt);

    private static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
