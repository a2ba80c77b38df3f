using Microsoft.Extensions.Options;
using RagPlatform.Core.Storage;

namespace RagPlatform.Tests.Storage;

/// <summary>Derived files of a stored original (the viewer's glyph boxes) never outlive their version or their document.</summary>
public sealed class FileStoreSidecarTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ragp-files-").FullName;

    [Fact]
    public async Task Deleting_a_document_removes_its_sidecars_and_leaves_other_documents_alone()
    {
        var files = NewStore();
        var (doc, other) = (Guid.NewGuid(), Guid.NewGuid());
        await files.SaveAsync(doc, await WriteSourceAsync("one"), CancellationToken.None);
        await files.SaveAsync(other, await WriteSourceAsync("two"), CancellationToken.None);
        var sidecar = Touch(files.SidecarPath(doc, "aaaaaaaaaaaaaaaaaaaa"));
        var otherSidecar = Touch(files.SidecarPath(other, "bbbbbbbbbbbbbbbbbbbb"));

        files.Delete(doc);

        Assert.False(File.Exists(sidecar));
        Assert.Null(files.Open(doc));
        Assert.True(File.Exists(otherSidecar));
        using var kept = files.Open(other);
        Assert.NotNull(kept);
    }

    [Fact]
    public async Task A_committed_replacement_removes_the_old_versions_sidecar_and_keeps_the_new_ones()
    {
        var files = NewStore();
        var doc = Guid.NewGuid();
        await files.SaveAsync(doc, await WriteSourceAsync("version one"), CancellationToken.None);
        var old = Touch(files.SidecarPath(doc, "1111111111111111ffff"));

        await files.StageAsync(doc, await WriteSourceAsync("version two"), "2222222222222222eeee", CancellationToken.None);
        var fresh = Touch(files.SidecarPath(doc, "2222222222222222eeee"));
        files.CommitStaged(doc);

        Assert.False(File.Exists(old));
        Assert.True(File.Exists(fresh));
        using var reader = new StreamReader(files.Open(doc)!);
        Assert.Equal("version two", await reader.ReadToEndAsync());
    }

    [Fact]
    public async Task A_discarded_replacement_keeps_the_served_versions_sidecar()
    {
        var files = NewStore();
        var doc = Guid.NewGuid();
        await files.SaveAsync(doc, await WriteSourceAsync("served"), CancellationToken.None);
        var served = Touch(files.SidecarPath(doc, "3333333333333333dddd"));

        await files.StageAsync(doc, await WriteSourceAsync("failed"), "4444444444444444cccc", CancellationToken.None);
        files.DiscardStaged(doc);

        Assert.True(File.Exists(served));
        Assert.Empty(files.ListStaged());
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private FileStore NewStore() =>
        new(Options.Create(new StorageOptions { DataDirectory = Path.Combine(_folder, "data") }));

    private async Task<string> WriteSourceAsync(string text)
    {
        var path = Path.Combine(_folder, $"{Guid.NewGuid():N}.txt");
        await File.WriteAllTextAsync(path, text);
        return path;
    }

    private static string Touch(string path)
    {
        File.WriteAllBytes(path, [1, 2, 3]);
        return path;
    }
}
