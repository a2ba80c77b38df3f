using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RagPlatform.Core.Documents;
using RagPlatform.Core.Indexing;
using RagPlatform.Ingestion;
using RagPlatform.Ingestion.Chunking;
using RagPlatform.Ingestion.Decoding;

namespace RagPlatform.Tests.Ingestion;

/// <summary>The real decoder and chunker, wired by AddRagIngestion itself, plus sample file access.</summary>
internal static class Decoders
{
    public static IngestionOptions Options { get; } = new();

    public static DocumentDecoder Create(IngestionOptions? options = null) =>
        (DocumentDecoder)Services(options).GetRequiredService<IDocumentDecoder>();

    public static IOptions<IngestionOptions> Wrap(IngestionOptions? options) =>
        Microsoft.Extensions.Options.Options.Create(options ?? Options);

    public static SentenceChunker Chunker(IngestionOptions? options = null) =>
        (SentenceChunker)Services(options).GetRequiredService<IChunker>();

    // The options given win over the ones AddRagIngestion would bind (a closed registration beats the open generic).
    private static ServiceProvider Services(IngestionOptions? options) => new ServiceCollection()
        .AddLogging()
        .AddSingleton(Wrap(options))
        .AddRagIngestion()
        .BuildServiceProvider();

    public static string SamplePath(string name) => Path.Combine(AppContext.BaseDirectory, "samples", name);

    public static DocumentText DecodeSample(string name) =>
        Create().Decode(File.ReadAllBytes(SamplePath(name)), name, CancellationToken.None);

    public static IEnumerable<string> SampleNames() =>
        Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "samples"))
            .Select(Path.GetFileName)
            .Where(n => n is not null && Create().SupportedExtensions.Contains(Path.GetExtension(n!)))
            .Select(n => n!)
            .Order(StringComparer.Ordinal);

    /// <summary>Asserts the DocumentText contract: contiguous pages covering the text, sections within it.</summary>
    public static void AssertWellFormed(DocumentText doc)
    {
        Assert.NotEmpty(doc.Pages);
        Assert.Equal(0, doc.Pages[0].CharStart);
        Assert.Equal(doc.Text.Length, doc.Pages[^1].CharEnd);
        for (var i = 0; i < doc.Pages.Count; i++)
        {
            Assert.Equal(i + 1, doc.Pages[i].Number);
            Assert.True(doc.Pages[i].CharEnd >= doc.Pages[i].CharStart);
            if (i > 0)
            {
                Assert.Equal(doc.Pages[i - 1].CharEnd, doc.Pages[i].CharStart);
            }
        }

        var previousStart = -1;
        foreach (var s in doc.Sections)
        {
            Assert.InRange(s.CharStart, 0, doc.Text.Length);
            Assert.InRange(s.CharEnd, s.CharStart, doc.Text.Length);
            Assert.True(s.CharStart >= previousStart, "sections are in document order");
            Assert.True(s.Level >= 1);
            previousStart = s.CharStart;
        }

        Assert.DoesNotContain("\r", doc.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("  ", doc.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("\n\n\n", doc.Text, StringComparison.Ordinal);
    }
}
