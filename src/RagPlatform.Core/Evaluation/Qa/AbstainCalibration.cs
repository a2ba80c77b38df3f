namespace RagPlatform.Core.Evaluation.Qa;

/// <summary>
/// How well the abstain threshold separates questions a document answers from questions it cannot (the same
/// questions asked of documents from another set). The answerer abstains when its best sentence relevance is below
/// the threshold; <see cref="BestThreshold"/> maximizes balanced accuracy over both groups.
/// </summary>
/// <param name="ConfiguredThreshold">The threshold the run used (Answer:AbstainThreshold, or AbstainThresholdWithEmbedder with an embedder).</param>
/// <param name="Answerable">Questions asked of their own document.</param>
/// <param name="Unanswerable">Questions asked of a document from another set.</param>
/// <param name="AnsweredAtConfigured">Share of answerable questions that got an answer at the configured threshold.</param>
/// <param name="AbstainedAtConfigured">Share of unanswerable questions that abstained at the configured threshold.</param>
/// <param name="BestThreshold">The threshold with the highest balanced accuracy on these questions.</param>
/// <param name="BalancedAccuracy">Mean of the two shares at <see cref="BestThreshold"/>.</param>
/// <param name="UnanswerableRelevance">The relevance of each unanswerable question, for pooling calibrations across sets.</param>
public sealed record AbstainCalibration(
    double ConfiguredThreshold,
    int Answerable,
    int Unanswerable,
    double AnsweredAtConfigured,
    double AbstainedAtConfigured,
    double BestThreshold,
    double BalancedAccuracy,
    IReadOnlyList<double> UnanswerableRelevance)
{
    /// <summary>Calibrates from the relevance of each answerable and each unanswerable question.</summary>
    public static AbstainCalibration Compute(IReadOnlyList<double> answerable, IReadOnlyList<double> unanswerable, double configured)
    {
        ArgumentNullException.ThrowIfNull(answerable);
        ArgumentNullException.ThrowIfNull(unanswerable);
        if (answerable.Count == 0 || unanswerable.Count == 0)
        {
            throw new ArgumentException("Calibration needs answerable and unanswerable questions.");
        }

        // Candidate thresholds: every observed relevance (abstain strictly below it), plus one above them all.
        var best = (Threshold: configured, Accuracy: Balanced(configured));
        foreach (var t in answerable.Concat(unanswerable).Append(answerable.Concat(unanswerable).Max() + 1e-6).Distinct().Order())
        {
            var accuracy = Balanced(t);
            if (accuracy > best.Accuracy + 1e-12)
            {
                best = (t, accuracy);
            }
        }

        return new AbstainCalibration(
            configured, answerable.Count, unanswerable.Count,
            Math.Round(Answered(configured), 4), Math.Round(1 - Share(unanswerable, configured), 4),
            Math.Round(best.Threshold, 4), Math.Round(best.Accuracy, 4), unanswerable);

        double Answered(double t) => Share(answerable, t);
        double Balanced(double t) => (Answered(t) + (1 - Share(unanswerable, t))) / 2;
    }

    private static double Share(IReadOnlyList<double> relevance, double threshold) => relevance.Count(r => r >= threshold) / (double)relevance.Count;
}
