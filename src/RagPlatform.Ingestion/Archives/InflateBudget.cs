using System.Globalization;
using System.IO.Compression;
using RagPlatform.Core.Errors;
using RagPlatform.Core.Indexing;

namespace RagPlatform.Ingestion.Archives;

/// <summary>
/// Holds one compressed file to Ingestion:MaxInflatedBytes per part, Ingestion:MaxTotalInflatedBytes in all and
/// Ingestion:MaxCompressionRatio: first by the sizes a ZIP declares (cheap, before anything is inflated), then by the
/// bytes actually inflated, counted by <see cref="BoundedInflateStream"/>, because declared sizes can lie.
/// </summary>
internal sealed class InflateBudget(IngestionOptions options)
{
    private long _total;

    public IngestionOptions Options => options;

    /// <summary>Refuses the archive if what its entries declare breaks a bound.</summary>
    public void CheckDeclared(ZipArchive archive)
    {
        long declared = 0;
        foreach (var entry in archive.Entries)
        {
            CheckPart(entry.FullName, entry.Length);
            if (entry.Length > options.CompressionRatioFloorBytes
                && entry.Length / Math.Max(1, entry.CompressedLength) > options.MaxCompressionRatio)
            {
                throw new DocumentFormatException(string.Create(CultureInfo.InvariantCulture,
                    $"{entry.FullName} is compressed {entry.Length / Math.Max(1, entry.CompressedLength):N0}:1, over the limit of {options.MaxCompressionRatio:N0}:1 (Ingestion:MaxCompressionRatio)"));
            }

            declared += entry.Length;
            if (declared > options.MaxTotalInflatedBytes)
            {
                throw TotalExceeded();
            }
        }
    }

    /// <summary>Opens an entry for reading, counted against the bounds as it inflates.</summary>
    public Stream Open(ZipArchiveEntry entry)
    {
        CheckPart(entry.FullName, entry.Length);
        return new BoundedInflateStream(entry.Open(), entry.FullName, this);
    }

    /// <summary>Counts <paramref name="bytes"/> more inflated bytes of <paramref name="part"/>, now <paramref name="partTotal"/> long.</summary>
    public void Add(string part, long partTotal, int bytes)
    {
        CheckPart(part, partTotal);
        _total += bytes;
        if (_total > options.MaxTotalInflatedBytes)
        {
            throw TotalExceeded();
        }
    }

    private void CheckPart(string part, long length)
    {
        if (length > options.MaxInflatedBytes)
        {
            throw new DocumentFormatException($"{part} inflates past {Megabytes(options.MaxInflatedBytes)} (Ingestion:MaxInflatedBytes)");
        }
    }

    private DocumentFormatException TotalExceeded() => new(
        $"the file's parts inflate past {Megabytes(options.MaxTotalInflatedBytes)} in total (Ingestion:MaxTotalInflatedBytes)");

    internal static string Megabytes(long bytes) => bytes % (1024 * 1024) == 0
        ? string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024 * 1024):N0} MB")
        : string.Create(CultureInfo.InvariantCulture, $"{bytes:N0} bytes");
}
