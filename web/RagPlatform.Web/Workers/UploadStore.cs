using Microsoft.Extensions.Options;
using RagPlatform.Core.Errors;
using RagPlatform.Core.Storage;

namespace RagPlatform.Web.Workers;

/// <summary>Keeps uploaded files in a fresh folder per upload until the worker indexes them.</summary>
internal sealed class UploadStore(IOptions<StorageOptions> options)
{
    private readonly string _root = Path.Combine(Path.GetFullPath(options.Value.DataDirectory), "uploads");

    /// <summary>A plain file name, or an <see cref="InvalidRequestException"/> that says what is wrong with it.</summary>
    public static string ValidateName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new InvalidRequestException("An uploaded file has no name.");
        }

        if (name.Contains('/', StringComparison.Ordinal) || name.Contains('\\', StringComparison.Ordinal) || name is "." or ".."
            || name.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0 || name.Length > 255)
        {
            throw new InvalidRequestException($"The file name '{name}' is not a plain file name (no folders, no '..', at most 255 characters).");
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
}
