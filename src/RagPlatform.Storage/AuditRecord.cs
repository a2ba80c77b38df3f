namespace RagPlatform.Storage;

/// <summary>One row of the audit trail, as the admin page and the export show it.</summary>
public sealed record AuditRecord(
    Guid Id, DateTimeOffset At, string Actor, string Action, string? Collection, Guid? DocumentId, string? Text, string? Detail);
