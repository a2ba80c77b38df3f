namespace RagPlatform.Core.Retrieval;

/// <summary>One ranked passage. <see cref="Text"/> equals the document's normalized text at [CharStart, CharEnd).</summary>
public sealed record SearchHit
{
    /// <summary>Chunk id.</summary>
    public required string ChunkId { get; init; }

    /// <summary>Document id.</summary>
    public required Guid DocumentId { get; init; }

    /// <summary>Document title.</summary>
    public required string Title { get; init; }

    /// <summary>Document source (path or upload name).</summary>
    public required string Source { get; init; }

    /// <summary>First page of the passage.</summary>
    public required int PageStart { get; init; }

    /// <summary>Last page of the passage.</summary>
    public required int PageEnd { get; init; }

    /// <summary>Start offset in the normalized text.</summary>
    public required int CharStart { get; init; }

    /// <summary>End offset (exclusive).</summary>
    public required int CharEnd { get; init; }

    /// <summary>Section path, or empty.</summary>
    public required string Section { get; init; }

    /// <summary>The passage text, verbatim.</summary>
    public required string Text { get; init; }

    /// <summary>A short excerpt with the matched terms wrapped in &lt;mark&gt;; the rest is HTML-escaped.</summary>
    public required string Snippet { get; init; }

    /// <summary>The final ranking score.</summary>
    public required double Score { get; init; }

    /// <summary>Per-stage scores.</summary>
    public required HitScores Scores { get; init; }

    /// <summary>Lucene's explanation of the BM25 score, when asked for.</summary>
    public string? Explanation { get; init; }
}
