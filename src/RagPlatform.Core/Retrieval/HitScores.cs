namespace RagPlatform.Core.Retrieval;

/// <summary>Per-stage scores of a hit, so a ranking can be explained. A stage that did not see the hit leaves its score null.</summary>
public sealed record HitScores
{
    /// <summary>Lucene BM25 score.</summary>
    public double? Bm25 { get; init; }

    /// <summary>Cosine similarity of the dense vectors.</summary>
    public double? Dense { get; init; }

    /// <summary>Cosine similarity under the second encoder (three-way fusion, <c>Embedding:SecondModel</c>); null without one.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public double? Dense2 { get; init; }

    /// <summary>Late-interaction (MaxSim) score.</summary>
    public double? Late { get; init; }

    /// <summary>Score after fusion.</summary>
    public double? Fused { get; init; }

    /// <summary>Score from the reranker.</summary>
    public double? Rerank { get; init; }

    /// <summary>
    /// A long query's dense similarity per query window, in window order (null for a one-window query); kept out of
    /// the wire format, written by <c>ragp eval --dump</c> so window aggregations can be replayed.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyList<double>? DenseWindows { get; init; }
}
