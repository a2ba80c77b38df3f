namespace RagPlatform.Core.Evaluation.Qa;

/// <summary>The scores of a long-document QA run (CONTRACT.md QaReport).</summary>
/// <param name="Dataset">Dataset name (the file's name without extension).</param>
/// <param name="Strategy">The answering strategy asked for.</param>
/// <param name="Questions">Number of questions asked.</param>
/// <param name="EvidenceRecall">Fraction of questions whose gold answer overlaps (window token F1 &gt;= 0.5) a cited or top-5 evidence span.</param>
/// <param name="AnswerF1">Mean SQuAD token F1 of the answers.</param>
/// <param name="Accuracy">Multiple choice accuracy, or null when the set has no options.</param>
/// <param name="CitationsVerbatim">Fraction of citations whose quote equals the document text at their span (1 when there are none).</param>
/// <param name="AbstainedCorrectly">Fraction of unanswerable questions (empty or "none" gold) that abstained; null when there are none.</param>
/// <param name="LatencyMs">Ask latency percentiles.</param>
/// <param name="PerQuestion">Per-question results.</param>
public sealed record QaReport(
    string Dataset,
    string Strategy,
    int Questions,
    double EvidenceRecall,
    double AnswerF1,
    double? Accuracy,
    double CitationsVerbatim,
    double? AbstainedCorrectly,
    QaLatency LatencyMs,
    IReadOnlyList<QaQuestionResult> PerQuestion)
{
    /// <summary>The abstention calibration, when the run asked questions of documents that cannot answer them.</summary>
    public AbstainCalibration? Abstention { get; init; }

    /// <summary>Question sets: fraction of questions answered correctly (key phrases and a citation on a right page, or an abstention when unanswerable).</summary>
    public double? Correct { get; init; }

    /// <summary>Question sets: fraction of the answerable questions' key phrases found in their answers.</summary>
    public double? KeyPhraseRecall { get; init; }

    /// <summary>Question sets: answer sentences that are headings, reference entries, author lines or fragments (<see cref="Answering.JunkSentence"/>).</summary>
    public int? JunkSentences { get; init; }

    /// <summary>Question sets: number of answerable questions.</summary>
    public int? Answerable { get; init; }

    /// <summary>Question sets: number of unanswerable questions.</summary>
    public int? Unanswerable { get; init; }

    /// <summary>Question sets: latency of the search each ask runs (same query, same top), measured in the same run.</summary>
    public QaLatency? SearchLatencyMs { get; init; }

    /// <summary>Question sets: the embedding model blended into search and answer selection, or null when none ran.</summary>
    public string? Embedder { get; init; }

    /// <summary>Question sets: every question that was not correct or whose answer held junk, with why.</summary>
    public IReadOnlyList<QaFailure>? Failed { get; init; }
}
