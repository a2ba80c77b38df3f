using RagPlatform.Core.Documents;
using RagPlatform.Core.Trees;

namespace RagPlatform.Tests.Trees;

public sealed class LeafSegmenterTests
{
    private static readonly Guid s_document = Guid.NewGuid();

    // Ten chunks of 1,000 characters each, overlapping the next by 100, as the chunker writes them.
    private static readonly Chunk[] s_chunks =
        [.. Enumerable.Range(0, 10).Select(i => new Chunk(Chunk.MakeId(s_document, i), s_document, i, i * 1000, (i * 1000) + 1100, 1, 1, "", ""))];

    [Fact]
    public void Leaves_fill_to_the_target_without_structure()
    {
        var leaves = LeafSegmenter.Segment(s_chunks, [], leafTokens: 750);

        // 750 tokens ~ 3,000 characters: three chunks a leaf, the rest in the last one.
        Assert.Equal([new(0, 3000), new(3000, 6000), new(6000, 9000), new(9000, 10100)], leaves);
    }

    [Fact]
    public void Leaves_close_at_a_top_level_heading_once_they_hold_enough()
    {
        Section[] sections =
        [
            new("Early", "1", 1, 1000, 3000, "1 Early"),
            new("Definitions", "2", 1, 3000, 7000, "2 Definitions"),
            new("Detail", "2.1.1", 3, 5000, 6000, "2 Definitions > 2.1.1 Detail"),
        ];

        var leaves = LeafSegmenter.Segment(s_chunks, sections, leafTokens: 1000);

        // The heading at 1,000 comes too early (1,000 < 60% of 4,000); the one at 3,000 closes the leaf; the
        // level-3 heading at 5,000 does not; size closes the next leaf at 7,000.
        Assert.Equal([new(0, 3000), new(3000, 7000), new(7000, 10100)], leaves);
    }

    [Fact]
    public void No_chunks_no_leaves() => Assert.Empty(LeafSegmenter.Segment([], [], 1000));
}
