using System.ComponentModel.DataAnnotations;

namespace RagPlatform.Core.Answering;

/// <summary>Answer settings (section "Answer").</summary>
public sealed class AnswerOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Answer";

    /// <summary>The extractive generator (offline, default).</summary>
    public const string ExtractiveGenerator = "extractive";

    /// <summary>The chat generator (an IChatClient must be registered).</summary>
    public const string ChatGenerator = "chat";

    /// <summary>The local ONNX generator (src/RagPlatform.Generation, registered as the IChatClient when Generator:ModelPath is set).</summary>
    public const string OnnxGenerator = "onnx";

    /// <summary>"extractive", "chat" or "onnx". "chat" and "onnx" fall back to extractive when no IChatClient is registered or it fails.</summary>
    [Required]
    [RegularExpression("^(extractive|chat|onnx)$")]
    public string Generator { get; set; } = ExtractiveGenerator;

    /// <summary>Evidence passages retrieved when the request names no count.</summary>
    [Range(1, 100)]
    public int DefaultTop { get; set; } = 8;

    /// <summary>Most sentences an extractive answer quotes (passages strategy).</summary>
    [Range(1, 20)]
    public int MaxSentences { get; set; } = 2;

    /// <summary>Most sentences a map-reduce answer quotes.</summary>
    [Range(1, 50)]
    public int MapReduceMaxSentences { get; set; } = 8;

    /// <summary>
    /// Without an embedder, the answer abstains when the best sentence's relevance (0..1: the IDF-weighted share of
    /// question terms it holds) is below this. Calibrated with <c>ragp eval-qa --negatives</c> (docs/BENCHMARKS.md).
    /// </summary>
    [Range(0.0, 1.0)]
    public double AbstainThreshold { get; set; } = 0.2;

    /// <summary>
    /// With an embedder, the same relevance is blended with embedding similarity, whose scale is higher (unrelated
    /// texts still score a cosine of 0.3-0.4 with arctic-embed-xs), so it has its own threshold. 0.48 is the highest
    /// that still answers 90% of the answerable legal and scientific dev questions (arctic-embed-xs); recalibrate
    /// with <c>ragp eval-qa --negatives</c> after changing the model.
    /// </summary>
    [Range(0.0, 1.0)]
    public double AbstainThresholdWithEmbedder { get; set; } = 0.48;

    /// <summary>The abstain threshold that applies with or without an embedder.</summary>
    public double AbstainThresholdFor(bool embedded) => embedded ? AbstainThresholdWithEmbedder : AbstainThreshold;

    /// <summary>A further sentence is quoted only when its relevance is at least this share of the best one's.</summary>
    [Range(0.0, 1.0)]
    public double MinRelativeScore { get; set; } = 0.6;

    /// <summary>
    /// The extractive answer abstains when its best sentence holds less than this share of the question's distinct
    /// terms (the terms that named the document excepted; or of the phrase the question quotes, when that is more): a
    /// sentence that matches one word of a question about something the documents never mention is no answer. Calibrated on answerable and unanswerable dev questions
    /// (docs/BENCHMARKS.md).
    /// </summary>
    [Range(0.0, 1.0)]
    public double MinQuestionCoverage { get; set; } = 0.34;

    /// <summary>A further sentence is quoted only when it adds at least this share of the question's distinct terms.</summary>
    [Range(0.0, 1.0)]
    public double MinAddedCoverage { get; set; } = 0.2;

    /// <summary>Added to a relevant sentence's relevance when it has the answer shape the question asks for (a duration for "how long").</summary>
    [Range(0.0, 1.0)]
    public double AnswerShapeBonus { get; set; } = 0.1;

    /// <summary>MMR trade-off between relevance (1) and novelty (0).</summary>
    [Range(0.0, 1.0)]
    public double MmrLambda { get; set; } = 0.7;

    /// <summary>Weight of the embedding similarity against lexical overlap, when an embedder is registered.</summary>
    [Range(0.0, 1.0)]
    public double DenseWeight { get; set; } = 0.5;

    /// <summary>Most candidate sentences embedded per question (the lexically best ones), to bound latency.</summary>
    [Range(1, 1000)]
    public int MaxEmbeddedSentences { get; set; } = 64;

    /// <summary>
    /// Whether indexing embeds every quotable sentence of each chunk and stores the vectors beside its token vectors,
    /// so an extractive ask with an embedder encodes only the question (each sentence costs 4 bytes per dimension).
    /// Needs the token store; documents indexed without it fall back to encoding their sentences per ask.
    /// </summary>
    public bool SentenceVectors { get; set; } = true;

    /// <summary>A chat sentence's citation holds when this share of its content terms occurs in one sentence of the cited passage.</summary>
    [Range(0.0, 1.0)]
    public double SupportThreshold { get; set; } = 0.5;

    /// <summary>How long the chat model may take for one answer before the extractive answer is used.</summary>
    [Range(1, 600)]
    public int ChatTimeoutSeconds { get; set; } = 60;

    /// <summary>
    /// Characters of document text the answerer keeps in memory between questions (the stored documents, chunks and
    /// structure profiles of recently cited documents, per version); 0 reads them from the database every time.
    /// </summary>
    [Range(0, 1_000_000_000)]
    public long DocumentCacheChars { get; set; } = 16_000_000;

    /// <summary>Longest accepted question, in characters.</summary>
    [Range(16, 100000)]
    public int MaxQuestionChars { get; set; } = 32000;
}
