using System.ComponentModel.DataAnnotations;

namespace RagPlatform.Core.Indexing;

/// <summary>Decoding and chunking settings (section "Ingestion"), including the bounds that keep hostile files cheap.</summary>
public sealed class IngestionOptions : IValidatableObject
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Ingestion";

    /// <summary>Files larger than this are refused with a clear error.</summary>
    [Range(1, long.MaxValue)]
    public long MaxFileBytes { get; set; } = 100L * 1024 * 1024;

    /// <summary>
    /// The most bytes one compressed part of a file (a DOCX's word/document.xml, a PDF stream) may inflate to. Checked
    /// against the declared size up front and against the bytes actually inflated, since declared sizes can lie.
    /// </summary>
    [Range(1024, long.MaxValue)]
    public long MaxInflatedBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>The most bytes all compressed parts of one file may inflate to together.</summary>
    [Range(1024, long.MaxValue)]
    public long MaxTotalInflatedBytes { get; set; } = 512L * 1024 * 1024;

    /// <summary>
    /// The highest inflated-to-compressed ratio a part larger than <see cref="CompressionRatioFloorBytes"/> may have.
    /// Real DOCX XML compresses 5 to 30 times; repeated filler made to inflate compresses several hundred times.
    /// </summary>
    [Range(10, 2000)]
    public int MaxCompressionRatio { get; set; } = 200;

    /// <summary>Parts that inflate to less than this are not held to <see cref="MaxCompressionRatio"/> (tiny parts compress well).</summary>
    [Range(0, long.MaxValue)]
    public long CompressionRatioFloorBytes { get; set; } = 16L * 1024 * 1024;

    /// <summary>The most XML elements one document part may hold.</summary>
    [Range(1000, int.MaxValue)]
    public int MaxXmlElements { get; set; } = 5_000_000;

    /// <summary>The most characters of normalized text one document may have (about twice as many bytes in memory).</summary>
    [Range(1000, int.MaxValue)]
    public int MaxDocumentChars { get; set; } = 100_000_000;

    /// <summary>The most pages one document may have.</summary>
    [Range(1, int.MaxValue)]
    public int MaxPages { get; set; } = 10_000;

    /// <summary>The time one document may take to decode and chunk, plus <see cref="DecodeTimeoutPerMegabyte"/> per MB of file.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
    public TimeSpan DecodeTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Extra decode time per megabyte of file, so a large legitimate file is not held to the small-file budget.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan DecodeTimeoutPerMegabyte { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Target chunk length in characters; chunks end on sentence boundaries near it.</summary>
    [Range(100, 20000)]
    public int ChunkTargetChars { get; set; } = 1200;

    /// <summary>Characters of overlap between consecutive chunks of one section (whole sentences).</summary>
    [Range(0, 5000)]
    public int ChunkOverlapChars { get; set; } = 150;

    /// <summary>Hard upper bound of a chunk's length, for text without sentence ends.</summary>
    [Range(200, 50000)]
    public int ChunkMaxChars { get; set; } = 2400;

    /// <summary>Files indexed at once by a job.</summary>
    [Range(1, 64)]
    public int Parallelism { get; set; } = 2;

    /// <summary>
    /// Write batches encoded ahead of the writer: the encoder works on batch n+1 while the stores write batch n.
    /// 0 encodes each batch inside the writer, after the batch before it is stored (the serial pipeline).
    /// </summary>
    [Range(0, 8)]
    public int EncodeAhead { get; set; } = 1;

    /// <summary>OCR of scanned PDF pages (section "Ingestion:Ocr").</summary>
    public OcrOptions Ocr { get; set; } = new();

    /// <summary>The decode-and-chunk budget of a file of <paramref name="bytes"/> bytes.</summary>
    public TimeSpan DecodeBudget(long bytes) => DecodeTimeout + (DecodeTimeoutPerMegabyte * (bytes / (1024.0 * 1024.0)));

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (MaxTotalInflatedBytes < MaxInflatedBytes)
        {
            yield return new ValidationResult(
                "Ingestion:MaxTotalInflatedBytes must be at least Ingestion:MaxInflatedBytes.",
                [nameof(MaxTotalInflatedBytes), nameof(MaxInflatedBytes)]);
        }

        // Data annotations do not descend into nested options on their own.
        var ocr = new List<ValidationResult>();
        Validator.TryValidateObject(Ocr, new ValidationContext(Ocr), ocr, validateAllProperties: true);
        foreach (var result in ocr)
        {
            yield return new ValidationResult(
                $"Ingestion:Ocr: {result.ErrorMessage}", [.. result.MemberNames.Select(m => $"{nameof(Ocr)}.{m}")]);
        }
    }
}
