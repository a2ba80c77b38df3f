using Microsoft.Extensions.Options;
using RagPlatform.Core.Storage;
using RagPlatform.Web.Errors;
using RagPlatform.Web.Hosting;

namespace RagPlatform.Web.Security;

/// <summary>
/// Decides whether an admin may index a server path: it must lie inside one of Jobs:Roots (default: the samples
/// folder) and must not touch the data directory (uploads, stored originals, indexes, database), with every symbolic
/// link resolved first so a link inside a root cannot point out of it.
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

        return real;
    }

    private static bool IsWithin(string path, string folder)
    {
        var relative = Path.GetRelativePath(folder, path);
        return relative == "." || !(relative == ".." || relative.StartsWith(".." + Path.DirectorySeparatorChar, StringComparison.Ordinal) || Path.IsPathRooted(relative));
    }
}
