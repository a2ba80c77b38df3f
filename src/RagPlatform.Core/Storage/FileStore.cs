using System.Text;
using Microsoft.Extensions.Options;

namespace RagPlatform.Core.Storage;

/// <summary>
/// Keeps each document's original file under the data directory, so the viewer can serve it. A re-index of a served
/// document stages its new file beside the live one ("{id}.pending") together with a marker ("{id}.replace", holding
/// the new version's content hash); the live file is only replaced when the new version committed. The marker is
/// the durable sign that a replacement was in flight, for crash recovery (also for text records, which have no file).
/// Derived files of a version ("{id}.{hash}.boxes", the viewer's glyph boxes) live beside it and go with it: a
/// committed replacement removes those of older versions, a delete removes them all.
/// </summary>
public sealed class FileStore(IOptions<StorageOptions> options)
{
    private const string PendingSuffix = ".pending";
    private const string MarkerSuffix = ".replace";
    private const string SidecarSuffix = ".boxes";

    private readonly string _root = options.Value.FilesDirectory;

    /// <summary>Copies the file in place of any earlier version, via a temp file and an atomic rename.</summary>
    public async Task SaveAsync(Guid documentId, string sourcePath, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(_root);
        await CopyAtomicallyAsync(sourcePath, PathOf(documentId), cancellationToken);
    }

    /// <summary>
    /// Stages a new version of a served document: the file (when there is one) at its pending path, never over the
    /// live file, then the marker with <paramref name="contentHash"/>. Both are complete once this returns.
    /// </summary>
    public async Task StageAsync(Guid documentId, string? sourcePath, string contentHash, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(_root);
        var pending = PathOf(documentId) + PendingSuffix;
        if (sourcePath is null)
        {
            DeleteIfPresent(pending);
        }
        else
        {
            await CopyAtomicallyAsync(sourcePath, pending, cancellationToken);
        }

        var marker = PathOf(documentId) + MarkerSuffix;
        var temp = marker + ".tmp";
        await File.WriteAllTextAsync(temp, contentHash, Encoding.ASCII, cancellationToken);
        File.Move(temp, marker, overwrite: true);
    }

    /// <summary>Promotes the staged file over the live one (atomic rename), then removes the marker.</summary>
    public void CommitStaged(Guid documentId)
    {
        var pending = PathOf(documentId) + PendingSuffix;
        if (File.Exists(pending))
        {
            File.Move(pending, PathOf(documentId), overwrite: true);
        }

        var marker = PathOf(documentId) + MarkerSuffix;
        if (File.Exists(marker))
        {
            DeleteSidecars(documentId, keepHash: File.ReadAllText(marker, Encoding.ASCII).Trim());
        }

        DeleteIfPresent(marker);
    }

    /// <summary>
    /// The path of a derived file of one version of a document, e.g. <c>SidecarPath(id, hash)</c> for its glyph boxes;
    /// such files are removed with the document (and with the version, once a newer one commits).
    /// </summary>
    public string SidecarPath(Guid documentId, string contentHash) =>
        Path.Combine(_root, $"{documentId:N}.{ShortHash(contentHash)}{SidecarSuffix}");

    /// <summary>Removes the staged file, then the marker; the live file stays.</summary>
    public void DiscardStaged(Guid documentId)
    {
        DeleteIfPresent(PathOf(documentId) + PendingSuffix);
        DeleteIfPresent(PathOf(documentId) + MarkerSuffix);
    }

    /// <summary>Replacements left in flight (by a crash, or a rollback that itself failed), and removes stray temp files.</summary>
    public IReadOnlyList<StagedVersion> ListStaged()
    {
        if (!Directory.Exists(_root))
        {
            return [];
        }

        var staged = new List<StagedVersion>();
        foreach (var path in Directory.EnumerateFiles(_root))
        {
            var name = Path.GetFileName(path);
            if (name.EndsWith(".tmp", StringComparison.Ordinal))
            {
                File.Delete(path);
            }
            else if (name.EndsWith(MarkerSuffix, StringComparison.Ordinal) && Guid.TryParseExact(name[..^MarkerSuffix.Length], "N", out var id))
            {
                staged.Add(new StagedVersion(id, File.ReadAllText(path, Encoding.ASCII).Trim()));
            }
        }

        // A pending file without a marker was staged by a run that died before writing the marker: nothing used it.
        foreach (var path in Directory.EnumerateFiles(_root, "*" + PendingSuffix))
        {
            var name = Path.GetFileName(path);
            if (Guid.TryParseExact(name[..^PendingSuffix.Length], "N", out var id) && !staged.Exists(s => s.DocumentId == id))
            {
                File.Delete(path);
            }
        }

        return staged;
    }

    /// <summary>Opens the stored original, or returns null when it is missing.</summary>
    public Stream? Open(Guid documentId)
    {
        var path = PathOf(documentId);
        return File.Exists(path) ? File.OpenRead(path) : null;
    }

    /// <summary>Removes the stored original if present, and any staged version.</summary>
    public void Delete(Guid documentId)
    {
        DeleteIfPresent(PathOf(documentId));
        DiscardStaged(documentId);
        DeleteSidecars(documentId, keepHash: null);
    }

    private void DeleteSidecars(Guid documentId, string? keepHash)
    {
        if (!Directory.Exists(_root))
        {
            return;
        }

        var keep = keepHash is null ? null : SidecarPath(documentId, keepHash);
        foreach (var path in Directory.EnumerateFiles(_root, $"{documentId:N}.*{SidecarSuffix}"))
        {
            if (!string.Equals(path, keep, StringComparison.Ordinal))
            {
                File.Delete(path);
            }
        }
    }

    private static string ShortHash(string contentHash) => contentHash.Length >= 16 ? contentHash[..16] : contentHash;

    private static void DeleteIfPresent(string path)
    {
        if (File.Exists(path))
        {
            File.Delete(path);
        }
    }

    private static async Task CopyAtomicallyAsync(string sourcePath, string target, CancellationToken cancellationToken)
    {
        var temp = target + ".tmp";
        await using (var input = File.OpenRead(sourcePath))
        await using (var output = File.Create(temp))
        {
            await input.CopyToAsync(output, cancellationToken);
            // The rename must never expose a file whose bytes are still in the page cache only.
            await output.FlushAsync(cancellationToken);
            output.Flush(flushToDisk: true);
        }

        File.Move(temp, target, overwrite: true);
    }

    private string PathOf(Guid documentId) => Path.Combine(_root, documentId.ToString("N"));
}
