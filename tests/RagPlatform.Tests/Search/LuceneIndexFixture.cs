using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RagPlatform.Core.Documents;
using RagPlatform.Core.Indexing;
using RagPlatform.Core.Storage;
using RagPlatform.Search.Lexical;

namespace RagPlatform.Tests.Search;

/// <summary>A real LuceneIndex over a temp data directory, deleted afterwards.</summary>
internal sealed class LuceneIndexFixture : IDisposable
{
    public LuceneIndexFixture()
    {
        DataDirectory = Path.Combine(Path.GetTempPath(), "ragp-bm25-" + Guid.NewGuid().ToString("N"));
        Index = Create();
    }

    public string DataDirectory { get; }

    public LuceneIndex Index { get; }

    public LuceneIndex Create() => new(
        Options.Create(new StorageOptions { DataDirectory = DataDirectory }),
        Options.Create(new Bm25Options()),
        NullLogger<LuceneIndex>.Instance);

    public static IndexedDocument Doc(Guid id, string title, params string[] chunkTexts)
    {
        var now = DateTimeOffset.UnixEpoch;
        var info = new DocumentInfo(id, "c", title, title + ".txt", "hash", DocumentState.Indexing, 1, chunkTexts.Length, 0, [], null, now, now);
        var chunks = new List<Chunk>();
        var offset = 0;
        for (var i = 0; i < chunkTexts.Length; i++)
        {
            chunks.Add(new Chunk(Chunk.MakeId(id, i), id, i, offset, offset + chunkTexts[i].Length, 1, 1, "1 Intro", chunkTexts[i]));
            offset += chunkTexts[i].Length;
        }

        return new IndexedDocument(info, chunks);
    }

    public void Dispose()
    {
        Index.Dispose();
        if (Directory.Exists(DataDirectory))
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
    }
}
