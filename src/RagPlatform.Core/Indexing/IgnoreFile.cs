using System.Text.RegularExpressions;

namespace RagPlatform.Core.Indexing;

/// <summary>
/// The patterns of a folder's <c>.ragpignore</c>: one glob a line (<c>*</c>, <c>?</c>, <c>**</c>; <c>#</c> starts a
/// comment). A pattern without a slash matches a file or folder name at any depth below; one with a slash matches the
/// path relative to the ignore file's folder (a folder's match covers everything in it).
/// </summary>
public sealed class IgnoreFile
{
    /// <summary>The file name looked for in every folder walked.</summary>
    public const string FileName = ".ragpignore";

    private readonly List<(Regex Pattern, bool AnyName)> _patterns = [];

    private IgnoreFile(IEnumerable<string> lines)
    {
        foreach (var raw in lines)
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            line = line.Trim('/');
            var anyName = !line.Contains('/');
            _patterns.Add((new Regex("^" + GlobToRegex(line) + "$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)), anyName));
        }
    }

    /// <summary>The folder's ignore file, or null when it has none.</summary>
    public static IgnoreFile? Load(string folder)
    {
        var path = Path.Combine(folder, FileName);
        return File.Exists(path) ? new IgnoreFile(File.ReadAllLines(path)) : null;
    }

    /// <summary>Whether <paramref name="relativePath"/> (with '/' separators, from the ignore file's folder) is ignored.</summary>
    public bool Ignores(string relativePath)
    {
        var parts = relativePath.Split('/');
        foreach (var (pattern, anyName) in _patterns)
        {
            if (anyName ? parts.Any(pattern.IsMatch) : Enumerable.Range(1, parts.Length).Any(n => pattern.IsMatch(string.Join('/', parts[..n]))))
            {
                return true;
            }
        }

        return false;
    }

    private static string GlobToRegex(string glob)
    {
        var regex = new System.Text.StringBuilder();
        for (var i = 0; i < glob.Length; i++)
        {
            var c = glob[i];
            if (c == '*' && i + 1 < glob.Length && glob[i + 1] == '*')
            {
                regex.Append(".*");
                i++;
            }
            else
            {
                regex.Append(c switch { '*' => "[^/]*", '?' => "[^/]", _ => Regex.Escape(c.ToString()) });
            }
        }

        return regex.ToString();
    }
}
