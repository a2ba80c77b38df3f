using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using RagPlatform.Core.Documents;
using RagPlatform.Core.Indexing;
using RagPlatform.Core.Storage;

namespace RagPlatform.Tests.Indexing;

/// <summary>
/// A re-index of a served document keeps the served version whole (database text and chunks, BM25, tree, file) until
/// every store committed the new one, whether the new version fails in an index, in the decoder, or the process dies.
/// </summary>
public sealed class AtomicReplaceTests : IDisposable
{
    private const string Source = "lease.md";

    private const string V1 =
        "# Lease Agreement\n\n" +
        "1. Term. The tenant rents the warehouse for five years beginning on the commencement date.\n\n" +
        "2. Rent. The tenant pays rent of four thousand dollars monthly; the landlord keeps the zebrawood deposit.\n\n" +
        "3. Repairs. The landlord repairs the roof and the loading dock at its own cost.\n";

    private const string V2 =
        "# Lease Agreement\n\n" +
        "1. Term. The tenant rents the warehouse for seven years beginning on the commencement date.\n\n" +
        "2. Rent. The tenant pays rent of six thousand dollars monthly; the landlord keeps the quokkastone deposit.\n\n" +
        "3. Repairs. The tenant repairs the roof and the loading dock at its own cost.\n\n" +
        "4. Insurance. The tenant insures the building against fire and flood.\n";

    private readonly string _folder = Directory.CreateTempSubdirectory("ragp-replace-").FullName;

    private string File1 => Path.Combine(_folder, "input", Source);

    private string Data => Path.Combine(_folder, "data");

    [Fact]
    public async Task A_failing_index_write_keeps_the_served_version_everywhere_and_the_next_run_replaces_it()
    {
        await using var stack = await ReplaceStack.OpenAsync(Data);
        var v1 = await WriteInputAsync(V1);
        Assert.Equal(1, (await stack.IndexAsync(Source, File1)).Added);
        var served = await stack.DocumentAsync(Source);
        var v1Chunks = await stack.Store.GetChunksAsync(served.Id, CancellationToken.None);
        var v1Tree = await stack.Store.GetTreeAsync(served.Id, CancellationToken.None);
        Assert.NotNull(v1Tree);

        // Tree and BM25 take the new version; the index after them fails.
        await WriteInputAsync(V2);
        stack.Scripted.FailOnWord = "quokkastone";
        var failed = await stack.IndexAsync(Source, File1);
        Assert.Equal(1, failed.Failed);

        var record = await stack.DocumentAsync(Source);
        Assert.Equal(DocumentState.Indexed, record.State);
        Assert.Equal(Hash(v1), record.ContentHash);
        Assert.StartsWith("latest upload failed: indexing failed: disk quota exceeded", record.Error, StringComparison.Ordinal);
        await AssertServesV1Async(stack, served.Id, v1, v1Chunks);
        var tree = await stack.Store.GetTreeAsync(served.Id, CancellationToken.None);
        Assert.Equal(v1Tree!.Nodes.Select(n => (n.Id, n.CharStart, n.CharEnd, n.Summary)), tree!.Nodes.Select(n => (n.Id, n.CharStart, n.CharEnd, n.Summary)));
        Assert.Empty(stack.StagedLeftovers());

        // The hash still is v1's, so the next run tries again; with the index working it replaces v1.
        stack.Scripted.FailOnWord = null;
        var retried = await stack.IndexAsync(Source, File1);
        Assert.Equal(1, retried.Updated);
        var replaced = await stack.DocumentAsync(Source);
        Assert.Equal(served.Id, replaced.Id);
        Assert.Equal(DocumentState.Indexed, replaced.State);
        Assert.Null(replaced.Error);
        Assert.Equal(Hash(await File.ReadAllBytesAsync(File1)), replaced.ContentHash);
        Assert.Contains("quokkastone", (await stack.Store.GetStoredDocumentAsync(served.Id, CancellationToken.None))!.Text, StringComparison.Ordinal);
        Assert.NotEmpty(await stack.SearchAsync("quokkastone"));
        Assert.Empty(await stack.SearchAsync("zebrawood"));
        Assert.Equal(await File.ReadAllBytesAsync(File1), stack.StoredFile(served.Id));
        var newTree = await stack.Store.GetTreeAsync(served.Id, CancellationToken.None);
        Assert.Contains(newTree!.Nodes, n => n.Summary.Contains("quokkastone", StringComparison.Ordinal));
        await AssertStoresAgreeAsync(stack);
        Assert.Empty(stack.StagedLeftovers());
    }

    [Fact]
    public async Task A_crash_between_the_index_writes_and_the_database_commit_is_rolled_back_by_recovery()
    {
        Guid id;
        byte[] v1;
        IReadOnlyList<Chunk> v1Chunks;
        var crashed = await ReplaceStack.OpenAsync(Data);
        try
        {
            v1 = await WriteInputAsync(V1);
            await crashed.IndexAsync(Source, File1);
            id = (await crashed.DocumentAsync(Source)).Id;
            v1Chunks = await crashed.Store.GetChunksAsync(id, CancellationToken.None);

            // The run dies inside the last index: tree and BM25 already hold v2, the database and file store still v1.
            await WriteInputAsync(V2);
            crashed.Scripted.HangOnWord = "quokkastone";
            _ = crashed.IndexAsync(Source, File1);
            await crashed.Scripted.Reached.WaitAsync(TimeSpan.FromMinutes(2));
            // Both versions are one chunk: recovery's count check alone could not tell them apart.
            var bm25 = await crashed.Index("bm25").GetChunkCountsAsync(ReplaceStack.Collection, CancellationToken.None);
            Assert.Equal(v1Chunks.Count, bm25[id]);
            Assert.NotEmpty(await crashed.SearchAsync("quokkastone"));
            Assert.Contains(crashed.StagedLeftovers(), n => n.EndsWith(".replace", StringComparison.Ordinal));
        }
        finally
        {
            await crashed.DisposeAsync();
        }

        await using var stack = await ReplaceStack.OpenAsync(Data);
        // The scripted index lost its memory with the process; recovery also refills it from the database.
        Assert.True(await stack.Pipeline.RecoverAsync(CancellationToken.None) >= 1);

        var record = await stack.DocumentAsync(Source);
        Assert.Equal(DocumentState.Indexed, record.State);
        Assert.Equal(Hash(v1), record.ContentHash);
        await AssertServesV1Async(stack, id, v1, v1Chunks);
        Assert.DoesNotContain((await stack.Store.GetTreeAsync(id, CancellationToken.None))!.Nodes, n => n.Summary.Contains("quokkastone", StringComparison.Ordinal));
        await AssertStoresAgreeAsync(stack);
        Assert.Empty(stack.StagedLeftovers());
        Assert.Equal(0, await stack.Pipeline.RecoverAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_crash_after_the_database_commit_is_completed_by_recovery()
    {
        await using var stack = await ReplaceStack.OpenAsync(Data);
        await WriteInputAsync(V1);
        await stack.IndexAsync(Source, File1);
        var v1 = await stack.DocumentAsync(Source);

        // Every store took v2 and the database committed it, but the process died before the file was promoted.
        var v2 = await WriteInputAsync(V2);
        var files = stack.Services.GetRequiredService<FileStore>();
        await files.StageAsync(v1.Id, File1, Hash(v2), CancellationToken.None);
        var text = stack.Services.GetRequiredService<IDocumentDecoder>().Decode(v2, Source, CancellationToken.None);
        var chunks = stack.Services.GetRequiredService<IChunker>().Split(v1.Id, text, CancellationToken.None);
        var info = v1 with { ContentHash = Hash(v2), Chunks = chunks.Count };
        foreach (var index in stack.Services.GetServices<IDocumentIndex>())
        {
            await index.UpsertAsync(ReplaceStack.Collection, [new IndexedDocument(info, chunks, text)], CancellationToken.None);
        }

        await stack.Store.ReplaceDocumentsAsync([new ParsedDocument(info, text, chunks)], CancellationToken.None);
        Assert.Equal(await File.ReadAllBytesAsync(File1), v2);
        Assert.NotEqual(v2, stack.StoredFile(v1.Id));

        Assert.True(await stack.Pipeline.RecoverAsync(CancellationToken.None) >= 1);
        Assert.Equal(v2, stack.StoredFile(v1.Id));
        Assert.Empty(stack.StagedLeftovers());
        Assert.NotEmpty(await stack.SearchAsync("quokkastone"));
        Assert.NotNull(await stack.Store.GetTreeAsync(v1.Id, CancellationToken.None));
        await AssertStoresAgreeAsync(stack);
    }

    [Fact]
    public async Task A_decode_failure_keeps_the_served_version()
    {
        await using var stack = await ReplaceStack.OpenAsync(Data);
        var pdf = Path.Combine(_folder, "input", "hearing.pdf");
        Directory.CreateDirectory(Path.GetDirectoryName(pdf)!);
        File.Copy(Path.Combine(AppContext.BaseDirectory, "samples", "scotus-transcript-p1.pdf"), pdf);
        var v1 = await File.ReadAllBytesAsync(pdf);
        await stack.Pipeline.IndexAsync(ReplaceStack.Collection, [new SourceFile("hearing.pdf", pdf)], false, null, CancellationToken.None);
        var served = (await stack.Store.FindDocumentBySourceAsync(ReplaceStack.Collection, "hearing.pdf", CancellationToken.None))!;
        var chunks = await stack.Store.GetChunksAsync(served.Id, CancellationToken.None);

        await File.WriteAllBytesAsync(pdf, v1[..(v1.Length / 3)]);
        var summary = await stack.Pipeline.IndexAsync(ReplaceStack.Collection, [new SourceFile("hearing.pdf", pdf)], false, null, CancellationToken.None);
        Assert.Equal(1, summary.Failed);

        var record = (await stack.Store.FindDocumentBySourceAsync(ReplaceStack.Collection, "hearing.pdf", CancellationToken.None))!;
        Assert.Equal(DocumentState.Indexed, record.State);
        Assert.Equal(served.ContentHash, record.ContentHash);
        Assert.StartsWith("latest upload failed: ", record.Error, StringComparison.Ordinal);
        Assert.Contains("damaged", record.Error, StringComparison.Ordinal);
        Assert.Equal(chunks.Select(c => c.Text), (await stack.Store.GetChunksAsync(served.Id, CancellationToken.None)).Select(c => c.Text));
        Assert.Equal(v1, stack.StoredFile(served.Id));
        Assert.NotEmpty(await stack.SearchAsync("court"));
        await AssertStoresAgreeAsync(stack);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A crashed stack's task may still hold a handle; the OS cleans the temp folder.
        }
    }

    private static async Task AssertServesV1Async(ReplaceStack stack, Guid id, byte[] v1, IReadOnlyList<Chunk> v1Chunks)
    {
        var stored = (await stack.Store.GetStoredDocumentAsync(id, CancellationToken.None))!;
        Assert.Contains("zebrawood", stored.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("quokkastone", stored.Text, StringComparison.Ordinal);
        Assert.Equal(v1Chunks, await stack.Store.GetChunksAsync(id, CancellationToken.None));
        Assert.Equal(v1, stack.StoredFile(id));

        var hit = Assert.Single(await stack.SearchAsync("zebrawood"));
        Assert.Equal(id, hit.DocumentId);
        Assert.Equal(stored.Text[hit.CharStart..hit.CharEnd], hit.Text);
        Assert.Empty(await stack.SearchAsync("quokkastone"));
        Assert.Empty(await stack.SearchAsync("insures flood"));
    }

    private static async Task AssertStoresAgreeAsync(ReplaceStack stack)
    {
        var database = await stack.Store.GetChunkCountsAsync(ReplaceStack.Collection, CancellationToken.None);
        Assert.NotEmpty(database);
        foreach (var name in new[] { "bm25", "scripted" })
        {
            var index = await stack.Index(name).GetChunkCountsAsync(ReplaceStack.Collection, CancellationToken.None);
            Assert.Equal(database.OrderBy(e => e.Key), index.OrderBy(e => e.Key));
        }
    }

    private static string Hash(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private async Task<byte[]> WriteInputAsync(string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(File1)!);
        await File.WriteAllTextAsync(File1, text);
        return await File.ReadAllBytesAsync(File1);
    }
}
