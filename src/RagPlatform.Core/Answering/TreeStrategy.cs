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
    /// <summary>Whether the document has a stored tree.</summary>
    public Task<bool> HasTreeAsync(Guid documentId, CancellationToken cancellationToken) => store.HasTreeAsync(documentId, cancellationToken);

    /// <summary>
    /// Walks the document's tree. The evidence is the answering leaf's best chunks (at most
    /// <see cref="TreeOptions.EvidenceChunks"/>), then, with <see cref="TreeOptions.ReadLeafEvidence"/> and up to
    /// <paramref name="top"/>, the best chunks of the other leaves the walk read.
    /// </summary>
    public Task<(IReadOnlyList<SearchHit> Evidence, TreeWalk Walk)> WalkAsync(
        string collection, Guid documentId, string question, int top, DocumentCache documents, CancellationToken cancellationToken) =>
        WalkAsync(collection, documentId, null, question, top, documents, cancellationToken);

    /// <summary>Walks <paramref name="tree"/> when the caller already read it, else the document's stored tree.</summary>
    private async Task<(IReadOnlyList<SearchHit> Evidence, TreeWalk Walk)> WalkAsync(
        string collection, Guid documentId, SummaryTree? tree, string question, int top, DocumentCache documents, CancellationToken cancellationToken)
    {
        var info = await store.GetDocumentAsync(documentId, cancellationToken);
        if (info is null || info.Collection != collection || info.State != DocumentState.Indexed)
        {
            throw new NotFoundException($"No indexed document {documentId} in collection '{collection}'.");
        }

        tree ??= await store.GetTreeAsync(documentId, cancellationToken)
            ?? throw new InvalidRequestException(
                $"Document {documentId} has no summary tree (it was indexed with Tree:Enabled false or before trees existed): re-index it, or use the passages strategy.");
        var stored = await documents.GetAsync(info, cancellationToken)
            ?? throw new NotFoundException($"No indexed document {documentId} in collection '{collection}'.");
        var walk = await walker.WalkAsync(tree, stored.Text, question, cancellationToken);
        var chunks = await documents.ChunksAsync(info, cancellationToken);
        var read = walk.Steps.Where(s => options.ReadLeafEvidence && s.Action == "visit" && s.Level == 0 && s.NodeId != walk.Leaf.Id)
            .Select(s => tree.Nodes[s.NodeId]).ToList();
        var inLeaf = Rank(question, [.. chunks.Where(c => Within(c, walk.Leaf)).Select(c => Answerer.ToHit(c, info))]).Take(options.EvidenceChunks);
        var elsewhere = Rank(question, [.. chunks.Where(c => read.Any(l => Within(c, l))).Select(c => Answerer.ToHit(c, info))]);
        return ([.. inLeaf.Concat(elsewhere).Take(Math.Max(top, 1))], walk);
    }

    /// <summary>
    /// Auto: walks the tree of the named document (or the one the top passage comes from). When both the passages
    /// and the walk's leaf are strong (best sentence relevance at least <see cref="TreeOptions.LeafThreshold"/>), the
    /// leaf's chunks are interleaved with the passages; when the passages are weak and the leaf is stronger, the leaf
    /// leads and the passages follow. Otherwise the passages stand alone (and no walk is reported).
    /// </summary>
    public async Task<(IReadOnlyList<SearchHit> Evidence, TreeWalk? Walk)> CombineAsync(
        string collection, Guid? documentId, string question, IReadOnlyList<SearchHit> passages, int top, DocumentCache documents, CancellationToken cancellationToken)
    {
        var target = documentId ?? (passages.Count > 0 ? passages[0].DocumentId : null);
        // The tree is read once: whether it exists and what is walked.
        if (target is null || await store.GetTreeAsync(target.Value, cancellationToken) is not { } tree)
        {
            return (passages, null);
        }

        var (leafHits, walk) = await WalkAsync(collection, target.Value, tree, question, options.EvidenceChunks, documents, cancellationToken);
        var passageBest = BestRelevance(question, passages);
        var bothStrong = walk.Accepted && passageBest >= options.LeafThreshold && walk.Relevance >= passageBest;
        var leafLeads = walk.Accepted && passageBest < options.LeafThreshold && walk.Relevance > passageBest;
        if (leafHits.Count == 0 || !(bothStrong || leafLeads))
        {
            return (passages, null);
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var order = bothStrong
            ? Enumerable.Range(0, Math.Max(leafHits.Count, passages.Count)).SelectMany(i => new[] { leafHits.ElementAtOrDefault(i), passages.ElementAtOrDefault(i) })
            : leafHits.Concat(passages);
        var merged = order.OfType<SearchHit>().Where(h => seen.Add(h.ChunkId)).Take(top).ToList();
        return (merged, walk with { Notes = [.. walk.Notes, bothStrong ? "auto: leaf chunks interleaved with strong passages" : "auto: passages weak; the leaf leads"] });
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
