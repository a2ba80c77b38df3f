namespace RagPlatform.Core.Indexing;

/// <summary>Expands the paths a user gives into the files to index.</summary>
public static class SourceEnumerator
{
    /// <summary>
    /// Files named directly are always returned (an unsupported one then gets a clear error); folders are walked
    /// recursively for files with a supported extension, skipping hidden entries. Sources are full paths, in
    /// ordinal order. Throws <see cref="FileNotFoundException"/> for a path that does not exist.
    /// </summary>
    public static IReadOnlyList<SourceFile> Enumerate(IEnumerable<string> paths, IReadOnlyCollection<string> supportedExtensions)
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
                    if (supportedExtensions.Contains(Path.GetExtension(file).ToLowerInvariant()))
                    {
                        result[file] = new SourceFile(file, file);
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
        return Directory.EnumerateFiles(root, "*", options)
            .Where(f => !Path.GetRelativePath(root, f).Split(Path.DirectorySeparatorChar).Any(part => part.StartsWith('.')));
    }
}
