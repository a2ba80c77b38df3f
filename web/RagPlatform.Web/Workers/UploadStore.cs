using System.Text;
using Microsoft.Extensions.Options;
using RagPlatform.Core.Errors;
using RagPlatform.Core.Storage;

namespace RagPlatform.Web.Workers;

/// <summary>Keeps uploaded files in a fresh folder per upload until the worker has indexed them, then removes it.</summary>
internal sealed class UploadStore(IOptions<StorageOptions> options)
{
    /// <summary>Linux (ext4, xfs, btrfs) allows 255 bytes per file name, counted in the UTF-8 encoding.</summary>
    public const int MaxNameBytes = 255;

    private readonly string _root = Path.Combine(Path.GetFullPath(options.Value.DataDirectory), "uploads");

    /// <summary>A plain file name, or an <see cref="InvalidRequestException"/> that says what is wrong with it.</summary>
    public static string ValidateName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new InvalidRequestException("An uploaded file has no name.");
        }

        if (name.Contains('/', StringComparison.Ordinal) || name.Contains('\\', StringComparison.Ordinal) || name is "." or ".."
            || name.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0)
        {
            throw new InvalidRequestException($"The file name '{name}' is not a plain file name (no folders, no '..').");
        }

        var bytes = Encoding.UTF8.GetByteCount(name);
        if (bytes > MaxNameBytes)
        {
            throw new InvalidRequestException(
                $"The file name '{name}' is {bytes} bytes in UTF-8 ({name.Length} characters); file names may have at most {MaxNameBytes} bytes. Rename the file and upload it again.");
        }

        return name;
    }

    /// <summary>Saves the files into a new folder and returns its path.</summary>
    public async Task<string> SaveAsync(IReadOnlyList<IFormFile> files, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(_root, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        foreach (var file in files)
        {
            var target = Path.Combine(folder, ValidateName(file.FileName));
            await using var output = File.Create(target);
            await file.CopyToAsync(output, cancellationToken);
        }

        return folder;
    }

    /// <summary>Saves one file under <paramref name="name"/> into a new folder (a re-index of a stored original) and returns the folder.</summary>
    public async Task<string> SaveCopyAsync(string name, Stream content, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(_root, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        await using var output = File.Create(Path.Combine(folder, ValidateName(name)));
        await content.CopyToAsync(output, cancellationToken);
        return folder;
    }

    /// <summary>The names of the files in an upload folder (empty when it is gone).</summary>
    public IReadOnlyList<string> NamesIn(string folder)
        => IsUploadFolder(folder) && Directory.Exists(folder) ? [.. Directory.EnumerateFiles(folder).Select(f => Path.GetFileName(f))] : [];

    /// <summary>Removes an upload folder once its job has ended; the originals live on in the file store.</summary>
    public void Delete(string folder)
    {
        // Only folders this store created: a job record's path is never trusted to point elsewhere.
        if (IsUploadFolder(folder) && Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private bool IsUploadFolder(string folder)
        => string.Equals(Path.GetDirectoryName(Path.GetFullPath(folder)), _root, StringComparison.Ordinal);
}
