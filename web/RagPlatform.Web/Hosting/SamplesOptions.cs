using System.ComponentModel.DataAnnotations;

namespace RagPlatform.Web.Hosting;

/// <summary>The sample corpus indexed on first start (section "Samples").</summary>
internal sealed class SamplesOptions
{
    public const string SectionName = "Samples";

    /// <summary>Folder to index when the data directory holds no collection yet; empty disables seeding.</summary>
    public string? Path { get; set; } = "samples";

    /// <summary>Collection the samples go into.</summary>
    [Required]
    public string Collection { get; set; } = "samples";
}
