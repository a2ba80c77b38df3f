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
}
