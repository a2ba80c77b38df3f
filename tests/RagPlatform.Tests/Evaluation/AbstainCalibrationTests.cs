using RagPlatform.Core.Evaluation.Qa;
using Xunit;

namespace RagPlatform.Tests.Evaluation;

public sealed class AbstainCalibrationTests
{
    [Fact]
    public void Separable_groups_get_a_threshold_between_them_and_full_balanced_accuracy()
    {
        var calibration = AbstainCalibration.Compute([0.6, 0.7, 0.9], [0.1, 0.2, 0.3, 0.35], configured: 0.2);

        Assert.Equal(1.0, calibration.BalancedAccuracy);
        Assert.InRange(calibration.BestThreshold, 0.35 + 1e-9, 0.6);
        Assert.Equal(1.0, calibration.AnsweredAtConfigured);
        // At 0.2 only 0.1 abstains: 1 of 4 unanswerable questions.
        Assert.Equal(0.25, calibration.AbstainedAtConfigured);
        Assert.Equal((3, 4), (calibration.Answerable, calibration.Unanswerable));
    }

    [Fact]
    public void Overlapping_groups_trade_answered_against_abstained()
    {
        var calibration = AbstainCalibration.Compute([0.2, 0.5, 0.6, 0.8], [0.1, 0.3, 0.55, 0.7], configured: 0.0);

        // Best cut: answer at >= 0.5 keeps 3/4 answerable and abstains on 2/4 unanswerable (0.625), which no other cut beats.
        Assert.Equal(0.625, calibration.BalancedAccuracy);
        Assert.Equal(0.5, calibration.AnsweredAtConfigured + calibration.AbstainedAtConfigured - 0.5);
    }

    [Fact]
    public void Empty_groups_are_refused() =>
        Assert.Throws<ArgumentException>(() => AbstainCalibration.Compute([], [0.1], 0.2));
}
