namespace RagPlatform.Core.Storage;

/// <summary>Moves one store's folder of a collection to another collection's name (a rename without rewriting).</summary>
public static class IndexFolders
{
    /// <summary>
    /// Moves <paramref name="from"/> to <paramref name="to"/> by one rename, replacing what is there; a missing
    /// <paramref name="from"/> leaves <paramref name="to"/> absent too. The caller has closed both stores.
    /// </summary>
    public static void Move(string from, string to)
    {
        if (Directory.Exists(to))
        {
            Directory.Delete(to, recursive: true);
        }

        if (!Directory.Exists(from))
        {
            return;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(to))!);
        Directory.Move(from, to);
    }
}
