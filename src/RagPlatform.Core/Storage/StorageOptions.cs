using System.ComponentModel.DataAnnotations;

namespace RagPlatform.Core.Storage;

/// <summary>Where data lives (section "Storage").</summary>
public sealed class StorageOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Storage";

    /// <summary>The data directory: database file, index folders and original files.</summary>
    [Required]
    public string DataDirectory { get; set; } = "data";

    /// <summary>"sqlite" (embedded, default) or "postgres".</summary>
    [RegularExpression("^(sqlite|postgres)$")]
    public string Provider { get; set; } = "sqlite";

    /// <summary>Connection string for PostgreSQL; for SQLite the file under the data directory is used when empty.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The folder of one collection's indexes.</summary>
    public string IndexDirectory(string collection) => Path.Combine(Path.GetFullPath(DataDirectory), "indexes", collection);

    /// <summary>The folder where original files are kept.</summary>
    public string FilesDirectory => Path.Combine(Path.GetFullPath(DataDirectory), "files");
}
