namespace RagPlatform.Core.Indexing;

/// <summary>
/// The one rule for which files may be indexed, by name and length alone: an extension a decoder reads, at least
/// one byte, at most Ingestion:MaxFileBytes. The pipeline applies it before reading a file and the upload API before
/// accepting one (which maps the verdicts to 415, 400 and 413), so both refuse the same files.
/// </summary>
public sealed class FileAdmission(IReadOnlyCollection<string> supportedExtensions, long maxFileBytes)
{
    /// <summary>Extensions admitted (lower case, with the dot).</summary>
    public IReadOnlyCollection<string> SupportedExtensions => supportedExtensions;

    /// <summary>The largest file admitted, in bytes.</summary>
    public long MaxFileBytes => maxFileBytes;

    /// <summary>The verdict on a file called <paramref name="fileName"/> of <paramref name="length"/> bytes; the type is checked first.</summary>
    public FileVerdict Check(string fileName, long length) =>
        !supportedExtensions.Contains(ExtensionOf(fileName)) ? FileVerdict.UnsupportedType
        : length == 0 ? FileVerdict.Empty
        : length > maxFileBytes ? FileVerdict.TooLarge
        : FileVerdict.Admitted;

    /// <summary>The extension the rule looks at: lower case with the dot, empty when the name has none.</summary>
    public static string ExtensionOf(string fileName) => Path.GetExtension(fileName).ToLowerInvariant();
}
