using RagPlatform.Core.Answering;
using RagPlatform.Core.Text;

namespace RagPlatform.Tests.Answering;

/// <summary>"How many X" is answered by the sentence that puts a number on X (sentences of samples/federal-register-2020-17221.pdf).</summary>
public sealed class QuantityRuleTests
{
    [Theory]
    [InlineData("The FAA estimates that this proposed AD affects 73 airplanes of U.S. registry.", "airplanes", true)]
    [InlineData("Ethiopian Airlines Flight 302 was involved in an accident after takeoff from Addis Ababa Bole International Airport in Addis Ababa, Ethiopia, resulting in 157 fatalities.", "fatalities", true)]
    [InlineData("The agency estimates the following costs to comply with this proposed AD:", "airplanes", false)]
    [InlineData("This proposed AD would apply to The Boeing Company Model 737-8 and 737-9 airplanes.", "airplanes", false)]
    [InlineData("We sketch three components for AI support design and discuss considerations for future research.", "components", true)]
    public void A_number_must_count_the_thing_asked_for(string sentence, string thing, bool counts) =>
        Assert.Equal(counts, QuestionFocus.CountsNumber(sentence, Terms.Tokenize(thing)[0]));

    [Fact]
    public void The_thing_a_how_many_question_counts_is_its_noun() =>
        Assert.Equal(Terms.Tokenize("airplanes")[0], QuestionFocus.AskedThing("How many airplanes of U.S. registry does the proposed airworthiness directive affect?", QuestionKind.Quantity));
}
