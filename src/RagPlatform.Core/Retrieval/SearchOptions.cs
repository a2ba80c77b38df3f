using System.ComponentModel.DataAnnotations;

namespace RagPlatform.Core.Retrieval;

/// <summary>Search settings (section "Search").</summary>
public sealed class SearchOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Search";

    /// <summary>Hits returned when the request names no count.</summary>
    [Range(1, 1000)]
    public int DefaultTop { get; set; } = 10;

    /// <summary>Largest number of hits a request may ask for.</summary>
    [Range(1, 10000)]
    public int MaxTop { get; set; } = 1000;

    /// <summary>Longest accepted query, in characters; longer ones are refused with a clear error.</summary>
    [Range(16, 200000)]
    public int MaxQueryChars { get; set; } = 32000;

    /// <summary>Words per dense query window: a longer query (a fact pattern) is embedded in overlapping windows of this size.</summary>
    [Range(16, 400)]
    public int QueryWindowWords { get; set; } = 160;

    /// <summary>Most windows a long query is cut into (the stride widens to cover the whole query).</summary>
    [Range(1, 256)]
    public int MaxQueryWindows { get; set; } = 48;

    /// <summary>Pipeline used when the request names none.</summary>
    [Required]
    public string DefaultPipeline { get; set; } = SearchPipeline.Bm25;

    /// <summary>
    /// How BM25 and dense scores are combined over the union of their candidates (every candidate gets an exact dense
    /// score): "zscore", "quantile" (rank-based), "minmax" or "rrf". See docs/decisions/0006-fusion.md.
    /// </summary>
    [RegularExpression("^(rrf|minmax|zscore|quantile)$")]
    public string Fusion { get; set; } = "zscore";

    /// <summary>How a chunk's similarities to the windows of a long query become its dense score: "max" or "mean".</summary>
    [RegularExpression("^(max|mean)$")]
    public string WindowAggregation { get; set; } = WindowScores.Max;

    /// <summary>
    /// Weight of BM25 in fusion for a long query (one that needs more than one dense window): a fact pattern's BM25
    /// ranking is noisier than its dense one. A rule by query length, never by collection.
    /// </summary>
    [Range(0.0, 100.0)]
    public double LongQueryBm25Weight { get; set; } = 0.2;

    /// <summary>
    /// The late-interaction reranker runs only for queries of at most this many dense windows; longer ones keep the
    /// fused order (MaxSim summed over thousands of query tokens measured worse than no rerank).
    /// </summary>
    [Range(1, 256)]
    public int RerankMaxQueryWindows { get; set; } = 1;

    /// <summary>The k of reciprocal rank fusion.</summary>
    [Range(1, 1000)]
    public int RrfK { get; set; } = 60;

    /// <summary>Weight of BM25 in fusion.</summary>
    [Range(0.0, 100.0)]
    public double Bm25Weight { get; set; } = 0.7;

    /// <summary>Weight of dense retrieval in fusion.</summary>
    [Range(0.0, 100.0)]
    public double DenseWeight { get; set; } = 1.0;

    /// <summary>Weight of the second encoder's dense list in three-way fusion (only with <c>Embedding:SecondModel</c>).</summary>
    [Range(0.0, 100.0)]
    public double SecondDenseWeight { get; set; } = 1.0;

    /// <summary>
    /// The second encoder joins fusion only for queries of at most this many dense windows: on the long fact patterns of
    /// aila it cost Recall@100 (0.79 to 0.74-0.76) for no nDCG gain (ADR 0018). A rule by query length, never by collection.
    /// </summary>
    [Range(0, 256)]
    public int SecondDenseMaxQueryWindows { get; set; } = 1;

    /// <summary>Candidates each first-stage retriever contributes to fusion.</summary>
    [Range(1, 10000)]
    public int CandidateDepth { get; set; } = 100;

    /// <summary>How many fused hits the late-interaction reranker rescores.</summary>
    [Range(1, 1000)]
    public int RerankDepth { get; set; } = 50;

    /// <summary>Weight of the late-interaction score against the fused score in the final rerank score (0..1).</summary>
    [Range(0.0, 1.0)]
    public double RerankWeight { get; set; } = 0.3;
}
