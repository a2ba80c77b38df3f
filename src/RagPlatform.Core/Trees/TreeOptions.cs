using System.ComponentModel.DataAnnotations;

namespace RagPlatform.Core.Trees;

/// <summary>Summary tree settings (section "Tree"): building at index time and walking at question time.</summary>
public sealed class TreeOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Tree";

    /// <summary>Extractive summaries (offline, default).</summary>
    public const string ExtractiveSummarizer = "extractive";

    /// <summary>Abstractive summaries by the registered IChatClient (extractive when none is registered or it fails).</summary>
    public const string ChatSummarizer = "chat";

    /// <summary>Whether documents get a summary tree at index time.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Target leaf size in tokens (about 4 characters each); leaves follow sections where the document has them.</summary>
    [Range(50, 20000)]
    public int LeafTokens { get; set; } = 1000;

    /// <summary>Most children per internal node.</summary>
    [Range(2, 64)]
    public int FanOut { get; set; } = 8;

    /// <summary>Most sentences in a leaf's summary.</summary>
    [Range(1, 20)]
    public int LeafSummarySentences { get; set; } = 3;

    /// <summary>Most sentences in an internal node's summary.</summary>
    [Range(1, 40)]
    public int NodeSummarySentences { get; set; } = 5;

    /// <summary>Longest summary in characters (a sentence that would pass it is skipped).</summary>
    [Range(100, 20000)]
    public int MaxSummaryChars { get; set; } = 900;

    /// <summary>"extractive" or "chat".</summary>
    [Required]
    [RegularExpression("^(extractive|chat)$")]
    public string Summarizer { get; set; } = ExtractiveSummarizer;

    /// <summary>Most nodes a walk visits before it answers from the best leaf it has read.</summary>
    [Range(1, 1000)]
    public int WalkBudget { get; set; } = 16;

    /// <summary>How many children of one node a walk may try (the best first, the next after a revert).</summary>
    [Range(1, 64)]
    public int Beam { get; set; } = 2;

    /// <summary>A leaf answers when its best sentence's relevance (0..1) reaches this.</summary>
    [Range(0.0, 1.0)]
    public double LeafThreshold { get; set; } = 0.5;

    /// <summary>Weight of embedding similarity against subtree BM25 when scoring children.</summary>
    [Range(0.0, 1.0)]
    public double DenseWeight { get; set; } = 0.5;

    /// <summary>
    /// Whether the tree strategy's evidence also holds the best chunks of the other leaves the walk read (up to the
    /// request's top). Off by default: measured, it lifts evidence recall but the answer drifts from the leaf that
    /// answered (docs/BENCHMARKS.md, summary trees).
    /// </summary>
    public bool ReadLeafEvidence { get; set; }

    /// <summary>Leaf chunks handed to the answer as evidence.</summary>
    [Range(1, 50)]
    public int EvidenceChunks { get; set; } = 4;
}
