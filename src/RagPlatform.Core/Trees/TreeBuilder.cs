using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using RagPlatform.Core.Documents;
using RagPlatform.Core.Storage;
using RagPlatform.Core.Text;

namespace RagPlatform.Core.Trees;

/// <summary>
/// Builds a document's summary tree bottom-up: structure-following leaves, then levels of at most
/// <see cref="TreeOptions.FanOut"/> children until one root remains. Every sentence of the document is embedded
/// once; a leaf's summary is chosen from its sentences, an internal node's from its children's summary sentences,
/// so every extractive summary sentence keeps its source span. With <see cref="TreeOptions.Summarizer"/> "chat" and
/// an <see cref="IChatClient"/>, internal summaries are written by the model instead (extractive when it fails).
/// </summary>
public sealed class TreeBuilder(IOptions<TreeOptions> options, TextVectorizer vectorizer, IChatClient? chatClient = null)
{
    private readonly TreeOptions _options = options.Value;

    /// <summary>Builds the tree of a stored document from its chunks; null when the document has no chunks.</summary>
    public async Task<SummaryTree?> BuildAsync(StoredDocument document, IReadOnlyList<Chunk> chunks, CancellationToken cancellationToken)
    {
        var leaves = LeafSegmenter.Segment(chunks, document.Sections, _options.LeafTokens);
        if (leaves.Count == 0)
        {
            return null;
        }

        var sentencesPerLeaf = leaves.Select(span => SentencesOf(document.Text, span)).ToList();
        var all = sentencesPerLeaf.SelectMany(s => s).ToList();
        // A one-leaf tree is never scored against a question (its root is its leaf), so its summary needs no model:
        // short documents (BEIR passages, notes) then cost no encoder time at all.
        var vectors = await vectorizer.EmbedPassagesAsync([.. all.Select(s => s.Text)], lexicalOnly: leaves.Count == 1, cancellationToken);
        var k = 0;
        var embedded = sentencesPerLeaf.Select(list => list.Select(s => s with { Vector = vectors[k++] }).ToList()).ToList();

        var nodes = new List<Draft>();
        for (var i = 0; i < leaves.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var sentences = embedded[i];
            var centroid = TextVectorizer.Mean([.. sentences.Select(s => s.Vector)], [.. sentences.Select(s => (double)s.Text.Length)]);
            var summary = ExtractiveSummarizer.Select(sentences, centroid, _options.LeafSummarySentences, _options.MaxSummaryChars);
            nodes.Add(new Draft(nodes.Count, 0, leaves[i], summary, null, centroid));
        }

        var level = nodes;
        var depth = 0;
        while (level.Count > 1)
        {
            depth++;
            var next = new List<Draft>();
            foreach (var group in Group(level, _options.FanOut))
            {
                cancellationToken.ThrowIfCancellationRequested();
                var span = new CharSpan(group[0].Span.Start, group[^1].Span.End);
                var centroid = TextVectorizer.Mean([.. group.Select(g => g.Vector)], [.. group.Select(g => (double)g.Span.Length)]);
                var candidates = group.SelectMany(g => g.Summary).ToList();
                var summary = ExtractiveSummarizer.Select(candidates, centroid, _options.NodeSummarySentences, _options.MaxSummaryChars);
                var written = await AbstractAsync(group, cancellationToken);
                var parent = new Draft(nodes.Count, depth, span, summary, written, centroid);
                nodes.Add(parent);
                next.Add(parent);
                foreach (var child in group)
                {
                    child.Parent = parent.Id;
                }
            }

            level = next;
        }

        return new SummaryTree(document.Info.Id, nodes.Select(n => n.ToNode(document.Pages)));
    }

    private static List<SummarySentence> SentencesOf(string text, CharSpan span)
    {
        var segment = text[span.Start..span.End];
        var sentences = SentenceSplitter.Split(segment)
            .Select(r => new SummarySentence(
                new CharSpan(span.Start + r.Start, span.Start + r.End), segment[r.Start..r.End], [], WordCount(segment, r.Start, r.End)))
            .ToList();
        // A leaf of one unsplittable run (a table) still gets a summary: its first characters.
        return sentences.Count > 0 ? sentences : [new SummarySentence(span, segment, [], WordCount(segment, 0, segment.Length))];
    }

    private static int WordCount(string text, int start, int end)
    {
        var words = 0;
        var inWord = false;
        for (var i = start; i < end; i++)
        {
            var letter = char.IsLetterOrDigit(text[i]);
            words += letter && !inWord ? 1 : 0;
            inWord = letter;
        }

        return words;
    }

    /// <summary>Splits nodes into consecutive groups of at most <paramref name="fanOut"/>, as even in size as possible.</summary>
    internal static IReadOnlyList<List<Draft>> Group(IReadOnlyList<Draft> nodes, int fanOut)
    {
        var groups = (nodes.Count + fanOut - 1) / fanOut;
        var result = new List<List<Draft>>(groups);
        var at = 0;
        for (var g = 0; g < groups; g++)
        {
            var size = (nodes.Count - at) / (groups - g);
            result.Add([.. nodes.Skip(at).Take(size)]);
            at += size;
        }

        return result;
    }

    private async Task<string?> AbstractAsync(IReadOnlyList<Draft> children, CancellationToken cancellationToken)
    {
        if (chatClient is null || _options.Summarizer != TreeOptions.ChatSummarizer)
        {
            return null;
        }

        try
        {
            var response = await chatClient.GetResponseAsync(TreePrompts.Summarize(children.Select(c => c.Text)), new ChatOptions { Temperature = 0 }, cancellationToken);
            var text = response.Text?.Trim();
            return string.IsNullOrEmpty(text) ? null : text;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The extractive summary stands in; a tree is never lost to a chat failure.
            return null;
        }
    }

    /// <summary>A node under construction.</summary>
    internal sealed class Draft(int id, int level, CharSpan span, IReadOnlyList<SummarySentence> summary, string? written, float[] vector)
    {
        public int Id { get; } = id;

        public int Level { get; } = level;

        public CharSpan Span { get; } = span;

        public IReadOnlyList<SummarySentence> Summary { get; } = summary;

        public float[] Vector { get; } = vector;

        public int? Parent { get; set; }

        public string Text => written ?? string.Join(" ", Summary.Select(s => s.Text));

        public SummaryNode ToNode(IReadOnlyList<PageSpan> pages) => new(
            Id, Parent, Level, Span.Start, Span.End, PageAt(pages, Span.Start), PageAt(pages, Math.Max(Span.Start, Span.End - 1)),
            Text, written is null ? [.. Summary.Select(s => s.Span)] : [], Vector);

        private static int PageAt(IReadOnlyList<PageSpan> pages, int offset)
        {
            foreach (var page in pages)
            {
                if (offset < page.CharEnd)
                {
                    return page.Number;
                }
            }

            return pages.Count == 0 ? 1 : pages[^1].Number;
        }
    }
}
