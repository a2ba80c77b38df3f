namespace RagPlatform.Storage.Entities;

internal sealed class JobRow
{
    public Guid Id { get; set; }

    public required string Collection { get; set; }

    public required string Path { get; set; }

    public required string State { get; set; }

    public bool IsUpload { get; set; }

    public bool Prune { get; set; }

    public int Total { get; set; }

    public int Processed { get; set; }

    public int Added { get; set; }

    public int Updated { get; set; }

    public int Unchanged { get; set; }

    public int Removed { get; set; }

    public int Failed { get; set; }

    public int Pages { get; set; }

    public int Chunks { get; set; }

    /// <summary>JSON array of { path, error }.</summary>
    public string Errors { get; set; } = "[]";

    public string? Error { get; set; }

    public long CreatedAt { get; set; }

    public long? StartedAt { get; set; }

    public long? FinishedAt { get; set; }
}
