using Microsoft.Extensions.Options;

namespace RagPlatform.Core.Storage;

/// <summary>Keeps each document's original file under the data directory, so the viewer can serve it.</summary>
public sealed class FileStore(IOptions<StorageOptions> options)
{
    private readonly string _root = options.Value.FilesDirectory;

    /// <summary>Copies the file in place of any earlier version, via a temp file and an atomic rename.</summary>
    public async Task SaveAsync(Guid documentId, string sourcePath, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(_root);
        var target = PathOf(documentId);
        var temp = target + ".tmp";
        await using (var input = File.OpenRead(sourcePath))
        await using (var output = File.Create(temp))
        {
            await input.CopyToAsync(output, cancellationToken);
        }

        File.Move(temp, target, overwrite: true);
    }

    /// <summary>Opens the stored original, or returns null when it is missing.</summary>
    public Stream? Open(Guid documentId)
    {
        var path = PathOf(documentId);
        return File.Exists(path) ? File.OpenRead(path) : null;
    }

    /// <summary>Removes the stored original if present.</summary>
    public void Delete(Guid documentId)
    {
        var path = PathOf(documentId);
        if (File.Exists(path))
        {
            File.Delete(path);
        }
    }

    private string PathOf(Guid documentId) => Path.Combine(_root, documentId.ToString("N"));
}
