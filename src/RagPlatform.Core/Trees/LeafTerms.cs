using RagPlatform.Core.Answering;
using RagPlatform.Core.Text;

namespace RagPlatform.Core.Trees;

/// <summary>
/// The terms of a tree's leaves over its document's text: each leaf's term bag, each leaf sentence's terms, and the
/// sentence IDF over the whole document. They depend on the text and the leaf spans only, so a walk reuses them from
/// the previous question about the same document instead of tokenizing the whole document again.
/// </summary>
internal sealed class LeafTerms
{
    // A few documents' worth: questions tend to come back to the documents just asked about.
    private static readonly BoundedMemo<(string Text, string Leaves), LeafTerms> s_recent = new(16, k => new LeafTerms(k.Text, k.Leaves));

    private LeafTerms(string text, string leaves)
    {
        var pool = new List<IReadOnlyList<string>>();
        foreach (var (id, start, end) in Parse(leaves))
        {
            var segment = text[start..end];
            Bags[id] = Terms.Tokenize(segment);
            Sentences[id] = [.. SentenceSplitter.Split(segment).Select(r => Terms.Tokenize(segment[r.Start..r.End]))];
            pool.AddRange(Sentences[id]);
        }

        // IDF over every sentence of the document: a leaf is judged by how much of the question one sentence holds.
        SentenceScorer = new LexicalScorer(pool);
    }

    /// <summary>Each leaf's terms, by node id (read only).</summary>
    public Dictionary<int, List<string>> Bags { get; } = [];

    /// <summary>Each leaf's sentences' terms, by node id (read only).</summary>
    public Dictionary<int, List<List<string>>> Sentences { get; } = [];

    /// <summary>BM25 weights over every leaf sentence of the document.</summary>
    public LexicalScorer SentenceScorer { get; }

    /// <summary>The terms of <paramref name="tree"/>'s leaves over <paramref name="text"/>.</summary>
    public static LeafTerms Of(SummaryTree tree, string text) =>
        s_recent.Get((text, string.Join(';', tree.LeavesUnder(tree.Root).Select(l => $"{l.Id}:{l.CharStart}-{l.CharEnd}"))));

    private static IEnumerable<(int Id, int Start, int End)> Parse(string leaves)
    {
        foreach (var leaf in leaves.Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var colon = leaf.IndexOf(':', StringComparison.Ordinal);
            var dash = leaf.IndexOf('-', colon);
            yield return (int.Parse(leaf[..colon], System.Globalization.CultureInfo.InvariantCulture),
                int.Parse(leaf[(colon + 1)..dash], System.Globalization.CultureInfo.InvariantCulture),
                int.Parse(leaf[(dash + 1)..], System.Globalization.CultureInfo.InvariantCulture));
        }
    }
}
