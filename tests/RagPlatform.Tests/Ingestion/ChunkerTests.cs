using System.Text;
using RagPlatform.Core.Documents;
using RagPlatform.Core.Indexing;
using RagPlatform.Ingestion.Normalization;

namespace RagPlatform.Tests.Ingestion;

public sealed class ChunkerTests
{
    public static TheoryData<string> Samples() => [.. Decoders.SampleNames()];

    [Theory]
    [MemberData(nameof(Samples))]
    public void Chunks_of_every_sample_are_verbatim_trimmed_and_cover_the_text(string sample)
    {
        var doc = Decoders.DecodeSample(sample);
        var id = Guid.NewGuid();

        var chunks = Decoders.Chunker().Split(id, doc, CancellationToken.None);

        Assert.NotEmpty(chunks);
        ChunkInvariant.Assert(doc, chunks, Decoders.Options.ChunkMaxChars);
        Assert.All(chunks, c => Assert.Equal(id, c.DocumentId));
    }

    [Fact]
    public void Sample_list_covers_every_format()
    {
        var extensions = Decoders.SampleNames().Select(Path.GetExtension).ToHashSet();

        Assert.Superset(new HashSet<string?> { ".pdf", ".docx", ".html", ".md", ".txt" }, extensions);
    }

    [Fact]
    public void Random_texts_keep_the_invariant()
    {
        var random = new Random(1234);
        var words = new[] { "the", "Court", "U.S.C.", "e.g.", "et al.", "No.", "3.14", "Fig.", "held", "that", "§", "(a)", "regu-", "x", "Sec.", "1.1", "—" };
        var options = new IngestionOptions { ChunkTargetChars = 200, ChunkOverlapChars = 60, ChunkMaxChars = 300 };
        for (var round = 0; round < 60; round++)
        {
            var assembler = new TextAssembler(Decoders.Options, CancellationToken.None);
            var pages = random.Next(1, 4);
            for (var p = 0; p < pages; p++)
            {
                assembler.BeginPage();
                for (var para = random.Next(0, 6); para > 0; para--)
                {
                    var sb = new StringBuilder();
                    if (random.Next(4) == 0)
                    {
                        sb.Append(random.Next(1, 9)).Append(' ').Append("Heading\n");
                    }

                    for (var w = random.Next(1, 400); w > 0; w--)
                    {
                        sb.Append(random.Next(30) == 0 ? new string('z', random.Next(1, 500)) : words[random.Next(words.Length)]);
                        sb.Append(random.Next(10) switch { 0 => ". ", 1 => "\n", 2 => "  ", 3 => "? ", _ => " " });
                    }

                    assembler.AddParagraph(sb.ToString());
                }
            }

            var doc = assembler.Build([], null);
            var chunks = Decoders.Chunker(options).Split(Guid.NewGuid(), doc, CancellationToken.None);

            ChunkInvariant.Assert(doc, chunks, options.ChunkMaxChars);
        }
    }

    [Fact]
    public void Chunks_end_on_sentence_boundaries_and_respect_abbreviations()
    {
        var sentence = "See 17 U.S.C. § 107 and e.g. Smith et al. at No. 5, Fig. 3 with p = 0.05 here. ";
        var body = string.Concat(Enumerable.Repeat(sentence, 40));
        var doc = Doc(body.TrimEnd());
        var options = new IngestionOptions { ChunkTargetChars = 400, ChunkOverlapChars = 100, ChunkMaxChars = 800 };

        var chunks = Decoders.Chunker(options).Split(Guid.NewGuid(), doc, CancellationToken.None);

        Assert.True(chunks.Count > 5);
        Assert.All(chunks, c =>
        {
            Assert.StartsWith("See 17 U.S.C.", c.Text, StringComparison.Ordinal);
            Assert.EndsWith("0.05 here.", c.Text, StringComparison.Ordinal);
            Assert.InRange(c.Text.Length, 1, 400);
        });
        Assert.True(chunks[1].CharStart < chunks[0].CharEnd, "consecutive chunks overlap by whole sentences");
        ChunkInvariant.Assert(doc, chunks, options.ChunkMaxChars);
    }

    [Fact]
    public void Chunks_do_not_straddle_sections_but_tiny_sections_merge()
    {
        var longBody = string.Concat(Enumerable.Repeat("The party shall perform its obligations. ", 20)).TrimEnd();
        var doc = Doc($"Article 1 Scope\n\n{longBody}\n\nArticle 2 Term\n\n{longBody}\n\nArticle 3 Notices\n\nShort.\n\nArticle 4 Law\n\nShort too.");
        var options = new IngestionOptions { ChunkTargetChars = 1000, ChunkOverlapChars = 0, ChunkMaxChars = 2000 };

        var chunks = Decoders.Chunker(options).Split(Guid.NewGuid(), doc, CancellationToken.None);

        Assert.Equal(["Article 1 Scope", "Article 2 Term", "Article 3 Notices"], chunks.Select(c => c.Section));
        Assert.StartsWith("Article 2 Term", chunks[1].Text, StringComparison.Ordinal);
        Assert.Equal("Article 3 Notices\n\nShort.\n\nArticle 4 Law\n\nShort too.", chunks[2].Text);
    }

    [Fact]
    public void Text_without_sentence_ends_is_cut_at_the_hard_maximum()
    {
        var doc = Doc(string.Join(' ', Enumerable.Range(0, 3000).Select(i => $"w{i}")));
        var options = new IngestionOptions { ChunkTargetChars = 500, ChunkOverlapChars = 0, ChunkMaxChars = 700 };

        var chunks = Decoders.Chunker(options).Split(Guid.NewGuid(), doc, CancellationToken.None);

        Assert.True(chunks.Count > 20);
        ChunkInvariant.Assert(doc, chunks, 700);
        Assert.All(chunks, c => Assert.False(char.IsWhiteSpace(c.Text[^1])));
    }

    [Fact]
    public void Chunk_pages_follow_the_pages_they_touch()
    {
        var assembler = new TextAssembler(Decoders.Options, CancellationToken.None);
        assembler.BeginPage();
        assembler.AddParagraph("One sentence on page one.");
        assembler.BeginPage();
        assembler.AddParagraph("Another on page two.");
        var doc = assembler.Build([], null);

        var chunk = Assert.Single(Decoders.Chunker().Split(Guid.NewGuid(), doc, CancellationToken.None));

        Assert.Equal((1, 2), (chunk.PageStart, chunk.PageEnd));
    }

    private static DocumentText Doc(string text)
    {
        var assembler = new TextAssembler(Decoders.Options, CancellationToken.None);
        foreach (var paragraph in text.Split("\n\n"))
        {
            assembler.AddParagraph(paragraph);
        }

        return assembler.Build([], null);
    }
}
