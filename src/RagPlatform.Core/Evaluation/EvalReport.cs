using System.Text.Json.Serialization;

namespace RagPlatform.Core.Evaluation;

/// <summary>The result of <c>ragp eval</c> (CONTRACT.md's EvalReport).</summary>
public sealed record EvalReport
{
    /// <summary>Dataset name.</summary>
    [JsonPropertyName("dataset")]
    public required string Dataset { get; init; }

    /// <summary>The qrels split.</summary>
    [JsonPropertyName("split")]
    public required string Split { get; init; }

    /// <summary>The search pipeline scored.</summary>
    [JsonPropertyName("pipeline")]
    public required string Pipeline { get; init; }

    /// <summary>Queries evaluated.</summary>
    [JsonPropertyName("queries")]
    public required int Queries { get; init; }

    /// <summary>Corpus documents.</summary>
    [JsonPropertyName("docs")]
    public required int Docs { get; init; }

    /// <summary>Chunks indexed.</summary>
    [JsonPropertyName("chunks")]
    public required int Chunks { get; init; }

    /// <summary>Mean nDCG@10.</summary>
    [JsonPropertyName("ndcg@10")]
    public required double NdcgAt10 { get; init; }

    /// <summary>Mean Recall@100.</summary>
    [JsonPropertyName("recall@100")]
    public required double RecallAt100 { get; init; }

    /// <summary>Mean MRR@10.</summary>
    [JsonPropertyName("mrr@10")]
    public required double MrrAt10 { get; init; }

    /// <summary>Per-query search latency.</summary>
    [JsonPropertyName("latencyMs")]
    public required LatencyStats LatencyMs { get; init; }

    /// <summary>Seconds spent indexing the corpus (0 when it was indexed already).</summary>
    [JsonPropertyName("indexSeconds")]
    public required double IndexSeconds { get; init; }

    /// <summary>Embedding model, or null for lexical pipelines.</summary>
    [JsonPropertyName("model")]
    public string? Model { get; init; }

    /// <summary>Queries the search refused (scored 0); each is listed in <see cref="Failures"/>.</summary>
    [JsonPropertyName("failedQueries")]
    public int FailedQueries { get; init; }

    /// <summary>The refused queries: id, length and why.</summary>
    [JsonPropertyName("failures")]
    public IReadOnlyList<QueryFailure> Failures { get; init; } = [];

    /// <summary>Query length in characters (p50, p95, p99), so long-query latency can be read against it.</summary>
    [JsonPropertyName("queryChars")]
    public LatencyStats? QueryChars { get; init; }
}
