namespace RagPlatform.Storage.Entities;

/// <summary>
/// An API key issued to a user account. Only the SHA-256 of the secret is stored (the secret is 256 random bits, so a
/// slow hash adds nothing); the key carries its user's role and collections at the time it is used.
/// </summary>
public sealed class ApiKeyEntity
{
    public Guid Id { get; set; }

    public required string UserId { get; set; }

    /// <summary>What the user called it ("laptop script").</summary>
    public required string Name { get; set; }

    /// <summary>The secret's first characters, shown so a user can tell keys apart.</summary>
    public required string Prefix { get; set; }

    /// <summary>Lower-case hex SHA-256 of the whole secret.</summary>
    public required string Hash { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }
}
