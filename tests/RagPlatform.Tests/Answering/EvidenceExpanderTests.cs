using Microsoft.Extensions.DependencyInjection;
using RagPlatform.Core.Answering;
using RagPlatform.Core.Indexing;
using RagPlatform.Core.Storage;

namespace RagPlatform.Tests.Answering;

/// <summary>
/// A passage that ends mid-sentence or on a list's lead-in runs on into the next chunk (real SQLite, Lucene and
/// decoders; 17 U.S.C. §§ 106-107 from samples/ chunked small, so the fair-use factors fall past a chunk boundary).
/// </summary>
public sealed class EvidenceExpanderTests
{
    [Theory]
    [InlineData("Motivated by the above scenario, we proposed two tasks in the FIRE 2019", true)]
    [InlineData("In determining whether the use made of a work in any particular case is a fair use the factors to be considered shall include\u2014", true)]
    [InlineData("1. the purpose and character of the use, including whether such use is of a commercial nature or is for nonprofit educational purposes;", true)]
    [InlineData("The fact that a work is unpublished shall not itself bar a finding of fair use.", false)]
    [InlineData("This Agreement remains in force for two (2) years from the Effective Date.\u201d", false)]
    public void A_passage_runs_on_unless_it_ends_a_sentence(string tail, bool runsOn) =>
        Assert.Equal(runsOn, EvidenceExpander.RunsOn("Earlier text. " + tail));

    [Fact]
    public async Task A_lead_in_at_a_chunk_end_brings_the_items_of_the_next_chunk_as_one_verbatim_span()
    {
        await using var stack = await IndexedStack.CreateAsync(s => s.Configure<IngestionOptions>(o =>
        {
            o.ChunkTargetChars = 160;
            o.ChunkOverlapChars = 0;
        }));
        var store = stack.Services.GetRequiredService<IMetadataStore>();
        var info = Assert.Single(await store.ListDocumentsAsync(IndexedStack.Collection, CancellationToken.None));
        var stored = (await store.GetStoredDocumentAsync(info.Id, CancellationToken.None))!;
        var chunks = await store.GetChunksAsync(info.Id, CancellationToken.None);
        var cache = new DocumentCache(store, 10_000_000);

        var leadIn = chunks.Select((c, i) => (Chunk: c, Index: i))
            .First(c => c.Chunk.Text.TrimEnd().EndsWith("shall include\u2014", StringComparison.Ordinal) && c.Index + 1 < chunks.Count);
        var hits = chunks.Select(c => Answerer.ToHit(c, info)).ToList();
        var expanded = await EvidenceExpander.ExpandAsync([hits[leadIn.Index]], [info], cache, CancellationToken.None);

        var widened = Assert.Single(expanded);
        Assert.StartsWith(leadIn.Chunk.Text, widened.Text, StringComparison.Ordinal);
        Assert.Contains("the purpose and character of the use", widened.Text, StringComparison.Ordinal);
        Assert.EndsWith("value of the copyrighted work.", widened.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("unpublished", widened.Text, StringComparison.Ordinal);
        Assert.Equal(stored.Text[widened.CharStart..widened.CharEnd], widened.Text);
        Assert.Equal(leadIn.Chunk.Id, widened.ChunkId);

        // A passage that ends a sentence comes back as it was.
        var finished = hits.First(h => !EvidenceExpander.RunsOn(h.Text));
        Assert.Same(finished, Assert.Single(await EvidenceExpander.ExpandAsync([finished], [info], cache, CancellationToken.None)));
    }

    [Fact]
    public async Task The_fair_use_factors_are_quoted_whole_when_the_lead_in_ends_its_chunk()
    {
        await using var stack = await IndexedStack.CreateAsync(s => s.Configure<IngestionOptions>(o =>
        {
            o.ChunkTargetChars = 160;
            o.ChunkOverlapChars = 0;
        }));
        var answer = await stack.Services.GetRequiredService<Answerer>().AskAsync(
            new AskRequest("What factors are considered in determining fair use?", IndexedStack.Collection, Strategy: "passages"), CancellationToken.None);

        Assert.False(answer.Abstained);
        var quote = string.Join(" ", answer.Citations.Select(c => c.Quote));
        Assert.Contains("shall include", quote, StringComparison.Ordinal);
        Assert.Contains("the effect of the use upon the potential market", quote, StringComparison.Ordinal);
        var text = (await stack.Services.GetRequiredService<IMetadataStore>().GetStoredDocumentAsync(answer.Citations[0].DocumentId, CancellationToken.None))!.Text;
        Assert.All(answer.Citations, c => Assert.Equal(c.Quote, text[c.CharStart..c.CharEnd]));
    }
}
