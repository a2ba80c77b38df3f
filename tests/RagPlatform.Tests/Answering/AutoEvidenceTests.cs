using Microsoft.Extensions.DependencyInjection;
using RagPlatform.Core.Answering;
using RagPlatform.Tests.Trees;

namespace RagPlatform.Tests.Answering;

/// <summary>
/// Auto keeps the passages' evidence in its places and adds the walk's leaf chunks after it (17 U.S.C. §§ 106-107 from
/// samples/ with its summary tree; real SQLite, Lucene and decoders).
/// </summary>
public sealed class AutoEvidenceTests
{
    [Fact]
    public async Task Auto_evidence_starts_with_the_passages_evidence_and_only_adds_leaf_chunks_after_it()
    {
        // A low leaf threshold so that walks join the evidence for these questions.
        await using var stack = await TreeStack.CreateAsync(o => o.LeafThreshold = 0.0);
        var answerer = stack.Services.GetRequiredService<Answerer>();
        string[] questions =
        [
            "What may the owner of copyright reproduce?",
            "What factors are considered in determining fair use?",
            "Does an unpublished work bar a finding of fair use?",
            "Who has the exclusive right to perform a sound recording by digital audio transmission?",
        ];

        var walked = 0;
        foreach (var question in questions)
        {
            var passages = await answerer.AskAsync(new AskRequest(question, IndexedStack.Collection, Strategy: "passages"), CancellationToken.None);
            var auto = await answerer.AskAsync(new AskRequest(question, IndexedStack.Collection, Strategy: "auto"), CancellationToken.None);
            Assert.Equal(passages.Evidence.Select(e => e.ChunkId), auto.Evidence.Take(passages.Evidence.Count).Select(e => e.ChunkId));
            if (auto.Walk is { } walk)
            {
                walked++;
                var added = auto.Evidence.Skip(passages.Evidence.Count).ToList();
                Assert.NotEmpty(added);
                Assert.All(added, e => Assert.InRange(e.CharStart, walk.Leaf.CharStart, walk.Leaf.CharEnd - 1));
            }
        }

        Assert.True(walked > 0, "no walk joined the evidence of any question");
    }
}
