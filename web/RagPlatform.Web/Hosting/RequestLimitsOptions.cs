using System.ComponentModel.DataAnnotations;

namespace RagPlatform.Web.Hosting;

/// <summary>Request body limits of the REST API (section "Limits"); the upload limit follows Ingestion:MaxFileBytes.</summary>
internal sealed class RequestLimitsOptions
{
    public const string SectionName = "Limits";

    /// <summary>Multipart framing (boundaries, part headers) allowed on top of the files' bytes.</summary>
    public const long MultipartOverheadBytes = 1024 * 1024;

    /// <summary>Largest body of an /api request other than an upload (JSON bodies are small).</summary>
    [Range(1024, long.MaxValue)]
    public long MaxRequestBytes { get; set; } = 1024 * 1024;

    /// <summary>Most files one upload request may carry.</summary>
    [Range(1, 10_000)]
    public int MaxUploadFiles { get; set; } = 20;

    /// <summary>Largest upload request; unset: MaxUploadFiles × Ingestion:MaxFileBytes plus 1 MiB of multipart overhead.</summary>
    [Range(1024, long.MaxValue)]
    public long? MaxUploadBytes { get; set; }

    /// <summary>The effective upload request limit for a given per-file limit.</summary>
    public long UploadBytes(long maxFileBytes)
        => MaxUploadBytes ?? (maxFileBytes > (long.MaxValue - MultipartOverheadBytes) / MaxUploadFiles
            ? long.MaxValue
            : (MaxUploadFiles * maxFileBytes) + MultipartOverheadBytes);
}
