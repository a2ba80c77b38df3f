using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RagPlatform.Core;
using RagPlatform.Core.Indexing;
using RagPlatform.Core.Storage;

namespace RagPlatform.Web.Tests.Cli;

/// <summary>One default data directory for the CLI and the server, and a samples folder that indexes only its corpus.</summary>
public sealed class DefaultPathsTests
{
    private static string Root => SettingsPaths.RepositoryRoot ?? throw new InvalidOperationException("the tests run from a clone");

    [Fact]
    public void A_relative_data_directory_means_the_clones_data_folder_whatever_the_current_folder()
    {
        Assert.True(File.Exists(Path.Combine(Root, "RagPlatform.sln")));
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:DataDirectory"] = "data" }).Build();
        using var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddRagCore().BuildServiceProvider();

        Assert.Equal(Path.Combine(Root, "data"), services.GetRequiredService<IOptions<StorageOptions>>().Value.DataDirectory);
        Assert.Equal("/elsewhere/data", SettingsPaths.Resolve("/elsewhere/data"));
        // The server started by scripts/start.sh names the same folder.
        Assert.Contains("--Storage:DataDirectory=\"${RAGP_DATA:-$root/data}\"", File.ReadAllText(Path.Combine(Root, "scripts", "start.sh")), StringComparison.Ordinal);
    }

    [Fact]
    public void The_samples_folder_indexes_its_documents_but_not_its_licence_notes_requests_or_code()
    {
        var extensions = new[] { ".md", ".txt", ".pdf", ".docx", ".html", ".http", ".cs", ".csproj" };
        var skipped = new List<SkippedFile>();
        var names = SourceEnumerator.Enumerate([Path.Combine(Root, "samples")], extensions, skipped)
            .Select(s => Path.GetRelativePath(Path.Combine(Root, "samples"), s.Path)).ToList();

        Assert.Contains("declaration-of-independence.txt", names);
        Assert.Contains("17-usc-106-107.md", names);
        Assert.DoesNotContain("SOURCES.md", names);
        Assert.DoesNotContain("api.http", names);
        Assert.DoesNotContain(names, n => n.StartsWith("SemanticKernelSample", StringComparison.Ordinal));
        Assert.Empty(skipped);
    }

    [Fact]
    public void Ignore_files_apply_by_name_at_any_depth_and_by_path_from_their_folder()
    {
        var root = Directory.CreateTempSubdirectory("ragp-ignore-").FullName;
        try
        {
            foreach (var file in new[] { "keep.md", "NOTES.md", "drafts/a.md", "deep/drafts/b.md", "deep/keep.txt", "deep/only-here.md", "run.sh" })
            {
                Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(root, file))!);
                File.WriteAllText(Path.Combine(root, file), "text");
            }

            File.WriteAllText(Path.Combine(root, IgnoreFile.FileName), "# comment\nNOTES.md\ndrafts/\n");
            File.WriteAllText(Path.Combine(root, "deep", IgnoreFile.FileName), "only-*.md\n");
            var skipped = new List<SkippedFile>();
            var names = SourceEnumerator.Enumerate([root], [".md", ".txt"], skipped)
                .Select(s => Path.GetRelativePath(root, s.Path).Replace('\\', '/')).ToList();

            Assert.Equal(["deep/keep.txt", "keep.md"], names);
            var sh = Assert.Single(skipped);
            Assert.Equal((Path.Combine(root, "run.sh"), "unsupported type .sh"), (sh.Path, sh.Reason));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
