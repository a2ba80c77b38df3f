namespace RagPlatform.Storage.Entities;

internal sealed class DocumentRow
{
    public Guid Id { get; set; }

    public required string Collection { get; set; }

    public required string Title { get; set; }

    public required string Source { get; set; }

    public required string ContentHash { get; set; }

    public required string State { get; set; }

    public int Pages { get; set; }

    public int Chunks { get; set; }

    public long Bytes { get; set; }

    /// <summary>JSON array of strings.</summary>
    public string Warnings { get; set; } = "[]";

    public string? Error { get; set; }

    /// <summary>UTC ticks: orders and compares the same way on SQLite and PostgreSQL.</summary>
    public long CreatedAt { get; set; }

    public long UpdatedAt { get; set; }
}
