using Microsoft.Extensions.Options;
using RagPlatform.Core.Storage;
using RagPlatform.Web.Errors;
using RagPlatform.Web.Hosting;

namespace RagPlatform.Web.Security;

/// <summary>
/// Decides whether an admin may index a server path: it must lie inside one of Jobs:Roots (default: the samples
/// folder) and must not touch the data directory (uploads, stored originals, indexes, database), with every symbolic
/// link resolved first (in the path and, for a folder, every link inside it) so a link cannot lead out of a root.
/// </summary>
internal sealed class JobPathPolicy(IOptions<JobsOptions> jobs, IOptions<SamplesOptions> samples, IOptions<StorageOptions> storage)
{
    public const string Setting = $"{JobsOptions.SectionName}:{nameof(JobsOptions.Roots)}";

    /// <summary>The configured roots, link-free.</summary>
    public IReadOnlyList<string> Roots
    {
        get
        {
            var configured = jobs.Value.Roots.Where(r => !string.IsNullOrWhiteSpace(r)).ToList();
            if (configured.Count == 0 && !string.IsNullOrWhiteSpace(samples.Value.Path))
            {
                configured.Add(samples.Value.Path);
            }

            return [.. configured.Select(RealPath.Resolve)];
        }
    }

    /// <summary>The link-free path to index, or a <see cref="ForbiddenException"/> naming the setting.</summary>
    public string Authorize(string path)
    {
        var real = RealPath.Resolve(path);
        var data = RealPath.Resolve(storage.Value.DataDirectory);
        if (IsWithin(real, data) || IsWithin(data, real))
        {
            throw new ForbiddenException(
                $"The path '{path}' is or contains the data directory (Storage:DataDirectory), which jobs may never index.");
        }

        var roots = Roots;
        if (!roots.Any(root => IsWithin(real, root)))
        {
            var allowed = roots.Count == 0 ? "none is configured" : string.Join(", ", roots);
            throw new ForbiddenException(
                $"The path '{path}' is outside every folder that jobs may index ({Setting}: {allowed}); add its folder to {Setting} to allow it.");
        }

        // The job walks the folder and follows the links in it, so every link must stay inside as well.
        if (Directory.Exists(real) && EscapingLink(real, data, roots) is { } link)
        {
            throw new ForbiddenException(
                $"The folder '{path}' holds a symbolic link '{link.Path}' to '{link.Target}', which is outside {Setting} or in the data directory; remove the link or add its target's folder to {Setting}.");
        }

        return real;
    }

    private static (string Path, string Target)? EscapingLink(string folder, string data, IReadOnlyList<string> roots)
    {
        // A link to a folder inside the roots is walked too (its own links may lead out); each real folder once.
        var pending = new Stack<string>([folder]);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (pending.TryPop(out var current))
        {
            if (!seen.Add(RealPath.Resolve(current)))
            {
                continue;
            }

            IEnumerable<string> entries;
            try
            {
                entries = Directory.EnumerateFileSystemEntries(current);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // The job cannot read it either.
                continue;
            }

            foreach (var entry in entries)
            {
                var info = new FileInfo(entry);
                if (info.LinkTarget is not null)
                {
                    var target = RealPath.Resolve(entry);
                    if (IsWithin(target, data) || IsWithin(data, target) || !roots.Any(root => IsWithin(target, root)))
                    {
                        return (entry, target);
                    }

                    if (Directory.Exists(target))
                    {
                        pending.Push(target);
                    }
                }
                else if (Directory.Exists(entry))
                {
                    pending.Push(entry);
                }
            }
        }

        return null;
    }

    private static bool IsWithin(string path, string folder)
    {
        var relative = Path.GetRelativePath(folder, path);
        return relative == "." || !(relative == ".." || relative.StartsWith(".." + Path.DirectorySeparatorChar, StringComparison.Ordinal) || Path.IsPathRooted(relative));
    }
}
