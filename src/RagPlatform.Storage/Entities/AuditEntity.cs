namespace RagPlatform.Storage.Entities;

/// <summary>One audited action: who did what to which collection or document, and when.</summary>
public sealed class AuditEntity
{
    public Guid Id { get; set; }

    public DateTimeOffset At { get; set; }

    /// <summary>The account's e-mail, "key:NAME" for a key, or "local" on a loopback laptop.</summary>
    public required string Actor { get; set; }

    /// <summary>search, ask, open, upload, delete, ... (<c>AuditAction</c> in the web host).</summary>
    public required string Action { get; set; }

    public string? Collection { get; set; }

    public Guid? DocumentId { get; set; }

    /// <summary>The query or question text; kept only when the server is configured to keep it.</summary>
    public string? Text { get; set; }

    /// <summary>A short outcome or count ("3 files", "404").</summary>
    public string? Detail { get; set; }
}
