using System.ComponentModel.DataAnnotations;

namespace RagPlatform.Web.Audit;

/// <summary>The audit trail (section "Audit").</summary>
internal sealed class AuditOptions
{
    public const string SectionName = "Audit";

    /// <summary>Off: nothing is recorded (and nothing pruned).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Keep the text of queries and questions; off by default, so the trail says who asked, not what.</summary>
    public bool KeepText { get; set; }

    /// <summary>Rows older than this are pruned (at start and every <see cref="PruneEveryHours"/>).</summary>
    [Range(1, 36_500)]
    public int RetentionDays { get; set; } = 180;

    [Range(1, 24 * 7)]
    public int PruneEveryHours { get; set; } = 6;
}
