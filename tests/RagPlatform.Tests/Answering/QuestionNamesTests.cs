using RagPlatform.Core.Answering;
using RagPlatform.Core.Text;

namespace RagPlatform.Tests.Answering;

/// <summary>A question naming what the evidence never mentions is not answered from it (sentences of samples/federal-register-2020-17221.pdf).</summary>
public sealed class QuestionNamesTests
{
    private static readonly string[] s_evidence =
    [
        "Ethiopian Airlines Flight 302 was involved in an accident after takeoff from Addis Ababa Bole International Airport in Addis Ababa, Ethiopia, resulting in 157 fatalities.",
        "Following the Lion Air Flight 610 accident on October 29, 2018, data from the flight data recorder indicated that a single erroneous angle of attack sensor input was received.",
    ];

    private static IEnumerable<IReadOnlyList<string>> Terms => s_evidence.Select(s => (IReadOnlyList<string>)RagPlatform.Core.Text.Terms.Tokenize(s));

    [Fact]
    public void Names_the_evidence_never_mentions_are_reported()
    {
        var missing = QuestionNames.Missing("How many fatalities did the Air France Flight 447 accident cause?", Terms, new HashSet<string>());
        Assert.Equal(["France", "447"], missing);
        Assert.True(missing.Count >= QuestionNames.MissingToAbstain);
    }

    [Fact]
    public void A_question_whose_names_are_in_the_evidence_has_none_missing() =>
        Assert.Empty(QuestionNames.Missing("How many fatalities resulted from the Ethiopian Airlines Flight 302 accident?", Terms, new HashSet<string>()));

    [Fact]
    public void The_named_document_and_the_first_word_are_not_names_to_find()
    {
        var names = new HashSet<string>(RagPlatform.Core.Text.Terms.Tokenize("Boeing"), StringComparer.Ordinal);
        Assert.Empty(QuestionNames.Missing("Which Boeing airplanes had the Lion Air accident?", Terms, names));
    }
}
