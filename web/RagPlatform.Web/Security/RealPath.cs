namespace RagPlatform.Web.Security;

/// <summary>A path with every symbolic link in it (the final name and each parent) resolved, like realpath(3).</summary>
internal static class RealPath
{
    // Linux's own limit on links followed in one lookup.
    private const int MaxLinks = 40;

    /// <summary>The absolute, link-free form of the path; the part that does not exist yet is kept as written.</summary>
    public static string Resolve(string path)
    {
        var links = 0;
        return Resolve(Path.GetFullPath(path), ref links);
    }

    private static string Resolve(string full, ref int links)
    {
        var root = Path.GetPathRoot(full) ?? Path.DirectorySeparatorChar.ToString();
        var parts = full[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
        var current = root;
        for (var i = 0; i < parts.Length; i++)
        {
            var next = Path.Combine(current, parts[i]);
            var info = new FileInfo(next);
            if (info.LinkTarget is { } target)
            {
                if (++links > MaxLinks)
                {
                    throw new IOException($"Too many symbolic links in {full}.");
                }

                // A relative target is relative to the link's folder; the target may itself pass through links.
                current = Resolve(Path.GetFullPath(target, current), ref links);
            }
            else if (info.Exists || Directory.Exists(next))
            {
                current = next;
            }
            else
            {
                return Path.Combine([next, .. parts[(i + 1)..]]);
            }
        }

        return current;
    }
}
