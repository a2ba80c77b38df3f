namespace RagPlatform.Core.Storage;

/// <summary>
/// Where relative paths in settings (Storage:DataDirectory, Samples:Path, Jobs:Roots, a job's path) point: the repository
/// root when the binary runs from a clone (the nearest folder above it that holds RagPlatform.sln), else the current
/// directory. So <c>ragp</c> and the server, started from any folder, share the clone's one <c>data/</c>.
/// </summary>
public static class SettingsPaths
{
    private const string Marker = "RagPlatform.sln";

    /// <summary>The clone's root folder, or null when the binary does not run from a clone.</summary>
    public static string? RepositoryRoot { get; } = FindRoot(AppContext.BaseDirectory);

    /// <summary>The folder relative settings resolve against.</summary>
    public static string BaseDirectory => RepositoryRoot ?? Directory.GetCurrentDirectory();

    /// <summary><paramref name="path"/> made absolute: a rooted path as is, a relative one under <see cref="BaseDirectory"/>.</summary>
    public static string Resolve(string path) => Path.GetFullPath(path, BaseDirectory);

    private static string? FindRoot(string start)
    {
        for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, Marker)))
            {
                return folder.FullName;
            }
        }

        return null;
    }
}
