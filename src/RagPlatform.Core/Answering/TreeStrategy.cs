using RagPlatform.Core.Diagnostics;
using RagPlatform.Core.Documents;
using RagPlatform.Core.Errors;
using RagPlatform.Core.Retrieval;
using RagPlatform.Core.Storage;
using RagPlatform.Core.Text;
using RagPlatform.Core.Trees;

namespace RagPlatform.Core.Answering;

/// <summary>
/// The "tree" strategy: walks the document's summary tree (<see cref="TreeWalker"/>) and hands the chunks of the
/// leaf it ends on to the answer, ranked by their best sentence. For "auto", it also adds the leaf of a walk to
/// flat retrieval evidence when the walk found a leaf that answers at least as well as the passages do.
/// </summary>
internal sealed class TreeStrategy(IMetadataStore store, TreeWalker walker, TreeOptions options)
{
    /// <summary>Whether the document has a stored tree (read through the cache, which keeps it for the walk).</summary>
    public async Task<bool> HasTreeAsync(DocumentInfo? version, Guid documentId, DocumentCache documents, CancellationToken cancellationToken) =>
        version is null ? await store.HasTreeAsync(documentId, cancellationToken) : await documents.TreeAsync(version, cancellationToken) is not null;

    /// <summary>
    /// Walks the document's tree. The evidence is the answering leaf's best chunks (at most
    /// <see cref="TreeOptions.EvidenceChunks"/>), then, with <see cref="TreeOptions.ReadLeafEvidence"/> and up to
    /// <paramref name="top"/>, the best chunks of the other leaves the walk read. <paramref name="version"/> is the
    /// document's record as the ask read it (null: read it here); tree, text and chunks come through the cache.
    /// </summary>
    public async Task<(IReadOnlyList<SearchHit> Evidence, TreeWalk Walk)> WalkAsync(
        string collection, Guid documentId, DocumentInfo? version, string question, int top, DocumentCache documents, CancellationToken cancellationToken)
    {
        var info = version ?? await store.GetDocumentAsync(documentId, cancellationToken);
        if (info is null || info.Collection != collection || info.State != DocumentState.Indexed)
        {
            throw new NotFoundException($"No indexed document {documentId} in collection '{collection}'.");
        }

        SummaryTree tree;
        using (RagActivity.Source.StartActivity("tree-read"))
        {
            tree = await documents.TreeAsync(info, cancellationToken)
                ?? throw new InvalidRequestException(
                    $"Document {documentId} has no summary tree (it was indexed with Tree:Enabled false or before trees existed): re-index it, or use the passages strategy.");
        }

        var stored = await documents.GetAsync(info, cancellationToken)
            ?? throw new NotFoundException($"No indexed document {documentId} in collection '{collection}'.");
        TreeWalk walk;
        using (RagActivity.Source.StartActivity("tree-walk"))
        {
            walk = await walker.WalkAsync(tree, stored.Text, question, cancellationToken);
        }

        var chunks = await documents.ChunksAsync(info, cancellationToken);
        var read = walk.Steps.Where(s => options.ReadLeafEvidence && s.Action == "visit" && s.Level == 0 && s.NodeId != walk.Leaf.Id)
            .Select(s => tree.Nodes[s.NodeId]).ToList();
        var inLeaf = Rank(question, [.. chunks.Where(c => Within(c, walk.Leaf)).Select(c => Answerer.ToHit(c, info))]).Take(options.EvidenceChunks);
        var elsewhere = Rank(question, [.. chunks.Where(c => read.Any(l => Within(c, l))).Select(c => Answerer.ToHit(c, info))]);
        return ([.. inLeaf.Concat(elsewhere).Take(Math.Max(top, 1))], walk);
    }

    /// <summary>
    /// Auto: walks the tree of the named document (or the one the top passage comes from). When both the passages
    /// and the walk's leaf are strong (best sentence relevance at least <see cref="TreeOptions.LeafThreshold"/>), or the
    /// passages are weak and the leaf is stronger, the leaf's chunks that retrieval did not return follow the passages
    /// (at most <see cref="TreeOptions.EvidenceChunks"/> more). Otherwise the passages stand alone (and no walk is reported).
    /// </summary>
    public async Task<(IReadOnlyList<SearchHit> Evidence, TreeWalk? Walk)> CombineAsync(
        string collection, Guid? documentId, string question, IReadOnlyList<SearchHit> passages, int top, IReadOnlyList<DocumentInfo> indexed,
        DocumentCache documents, CancellationToken cancellationToken)
    {
        var target = documentId ?? (passages.Count > 0 ? passages[0].DocumentId : null);
        // The ask's listing names the version; the tree comes through the cache, read once per version.
        var version = target is { } id ? indexed.FirstOrDefault(d => d.Id == id) : null;
        if (version is null || version.Collection != collection || await documents.TreeAsync(version, cancellationToken) is null)
        {
            return (passages, null);
        }

        var (leafHits, walk) = await WalkAsync(collection, version.Id, version, question, options.EvidenceChunks, documents, cancellationToken);
        var passageBest = BestRelevance(question, passages);
        var bothStrong = walk.Accepted && passageBest >= options.LeafThreshold && walk.Relevance >= passageBest;
        var leafLeads = walk.Accepted && passageBest < options.LeafThreshold && walk.Relevance > passageBest;
        if (leafHits.Count == 0 || !(bothStrong || leafLeads))
        {
            return (passages, null);
        }

        // The passages keep their places; the leaf's chunks that retrieval did not return follow them, beyond top.
        // Interleaving (or leading with) the leaf pushed strong passages out of the first places: on QASPER that cost
        // evidence recall against passages alone (BENCHMARKS.md, 2026-12-06).
        var seen = passages.Select(h => h.ChunkId).ToHashSet(StringComparer.Ordinal);
        var added = leafHits.Where(h => seen.Add(h.ChunkId)).Take(options.EvidenceChunks).ToList();
        if (added.Count == 0)
        {
            return (passages, null);
        }

        IReadOnlyList<SearchHit> merged = [.. passages, .. added];
        return (merged, walk with { Notes = [.. walk.Notes, bothStrong ? "auto: leaf chunks follow strong passages" : "auto: passages weak; the leaf's chunks follow them"] });
    }

    private static bool Within(Chunk chunk, SummaryNode leaf) => chunk.CharStart >= leaf.CharStart && chunk.CharStart < leaf.CharEnd;

    /// <summary>Hits ordered by their best sentence's relevance to the question (ties: document order).</summary>
    private static IEnumerable<SearchHit> Rank(string question, List<SearchHit> hits)
    {
        var best = BestPerHit(question, hits);
        return Enumerable.Range(0, hits.Count).OrderByDescending(i => best[i]).ThenBy(i => hits[i].CharStart)
            .Select(i => hits[i] with { Score = Math.Round(best[i], 4) });
    }

    private static double BestRelevance(string question, IReadOnlyList<SearchHit> hits) =>
        hits.Count == 0 ? 0 : BestPerHit(question, hits).Max();

    private static double[] BestPerHit(string question, IReadOnlyList<SearchHit> hits) =>
        HitRelevance.BestSentencePerHit(Terms.Tokenize(question).Distinct(StringComparer.Ordinal).ToList(), hits);
}
