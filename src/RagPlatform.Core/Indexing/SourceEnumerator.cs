namespace RagPlatform.Core.Indexing;

/// <summary>Expands the paths a user gives into the files to index.</summary>
public static class SourceEnumerator
{
    /// <summary>
    /// Files named directly are always returned (an unsupported one then gets a clear error); folders are walked
    /// recursively for files with a supported extension, skipping hidden entries and what a <c>.ragpignore</c> names
    /// (<see cref="IgnoreFile"/>); files of other types are added to <paramref name="skipped"/> when it is given. Sources
    /// are full paths, in ordinal order. Throws <see cref="FileNotFoundException"/> for a path that does not exist.
    /// </summary>
    public static IReadOnlyList<SourceFile> Enumerate(
        IEnumerable<string> paths, IReadOnlyCollection<string> supportedExtensions, ICollection<SkippedFile>? skipped = null)
    {
        var result = new SortedDictionary<string, SourceFile>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            var full = Path.GetFullPath(path);
            if (File.Exists(full))
            {
                result[full] = new SourceFile(full, full);
            }
            else if (Directory.Exists(full))
            {
                foreach (var file in Walk(full))
                {
                    var extension = Path.GetExtension(file).ToLowerInvariant();
                    if (supportedExtensions.Contains(extension))
                    {
                        result[file] = new SourceFile(file, file);
                    }
                    else
                    {
                        skipped?.Add(new SkippedFile(file, extension.Length == 0 ? "no file extension" : $"unsupported type {extension}"));
                    }
                }
            }
            else
            {
                throw new FileNotFoundException($"No such file or folder: {path}", path);
            }
        }

        return [.. result.Values];
    }

    /// <summary>Files of an upload folder, with their names (relative to the folder) as sources.</summary>
    public static IReadOnlyList<SourceFile> EnumerateUploads(string folder)
        => [.. Directory.EnumerateFiles(folder).Order(StringComparer.Ordinal).Select(f => new SourceFile(Path.GetFileName(f), f))];

    private static IEnumerable<string> Walk(string root)
    {
        var options = new EnumerationOptions
        {
            RecurseSubdirectories = true,
            AttributesToSkip = FileAttributes.Hidden | FileAttributes.System,
            IgnoreInaccessible = true,
        };
        var ignoreFiles = new Dictionary<string, IgnoreFile?>(StringComparer.Ordinal);
        return Directory.EnumerateFiles(root, "*", options)
            .Where(f => !Path.GetRelativePath(root, f).Split(Path.DirectorySeparatorChar).Any(part => part.StartsWith('.')))
            .Where(f => !IsIgnored(root, f, ignoreFiles))
            .Order(StringComparer.Ordinal);
    }

    /// <summary>Whether an ignore file in the root or a folder between it and the file names the file.</summary>
    private static bool IsIgnored(string root, string file, Dictionary<string, IgnoreFile?> cache)
    {
        for (var folder = Path.GetDirectoryName(file); folder is not null; folder = Path.GetDirectoryName(folder))
        {
            if (!cache.TryGetValue(folder, out var ignore))
            {
                cache[folder] = ignore = IgnoreFile.Load(folder);
            }

            if (ignore is not null && ignore.Ignores(Path.GetRelativePath(folder, file).Replace(Path.DirectorySeparatorChar, '/')))
            {
                return true;
            }

            if (string.Equals(folder, root, StringComparison.Ordinal))
            {
                break;
            }
        }

        return false;
    }
}
