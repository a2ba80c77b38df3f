using Microsoft.Extensions.Options;
using RagPlatform.Core.Documents;
using RagPlatform.Core.Storage;
using RagPlatform.Core.Text;

namespace RagPlatform.Core.Trees;

/// <summary>
/// Retrieves summary-tree nodes directly: BM25 over the node summaries of a collection's indexed documents, blended
/// with the similarity of the question to each node's vector. Kept apart from the chunk indexes, so chunk search
/// results never change because trees exist.
/// </summary>
public sealed class SummarySearcher(IMetadataStore store, TextVectorizer vectorizer, IOptions<TreeOptions> options)
{
    /// <summary>The best <paramref name="top"/> nodes of the collection for the query.</summary>
    public async Task<IReadOnlyList<SummaryHit>> SearchAsync(string collection, string query, int top, CancellationToken cancellationToken)
    {
        var served = (await store.ListDocumentsAsync(collection, cancellationToken))
            .Where(d => d.State == DocumentState.Indexed).Select(d => d.Id).ToHashSet();
        var nodes = new List<(Guid Document, SummaryNode Node)>();
        foreach (var id in (await store.GetTreeNodeCountsAsync(collection, cancellationToken)).Keys.Where(served.Contains))
        {
            var tree = await store.GetTreeAsync(id, cancellationToken);
            nodes.AddRange(tree?.Nodes.Select(n => (id, n)) ?? []);
        }

        if (nodes.Count == 0)
        {
            return [];
        }

        var terms = Terms.Tokenize(query).Distinct(StringComparer.Ordinal).ToList();
        var bags = nodes.Select(n => (IReadOnlyList<string>)Terms.Tokenize(n.Node.Summary)).ToList();
        var scorer = new LexicalScorer(bags);
        var vector = await vectorizer.EmbedQueryAsync(query, cancellationToken);
        var weight = options.Value.DenseWeight;
        return [.. nodes.Select((n, i) =>
            {
                var bm25 = scorer.Score(terms, bags[i]);
                var dense = Math.Max(0, TextVectorizer.Cosine(vector, n.Node.Vector));
                return new SummaryHit(n.Document, n.Node, (weight * dense) + ((1 - weight) * bm25), bm25, dense);
            })
            .OrderByDescending(h => h.Score).ThenBy(h => h.Node.Id).Take(top)];
    }
}
