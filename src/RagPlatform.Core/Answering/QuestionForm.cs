using System.Text.RegularExpressions;

namespace RagPlatform.Core.Answering;

/// <summary>What kind of answer a question asks for, read from its wording.</summary>
internal enum QuestionKind
{
    /// <summary>No particular shape: the sentence that states the asked fact.</summary>
    Fact,

    /// <summary>"When", "what date": a date or a time.</summary>
    When,

    /// <summary>"How long", "what term", "how old": a duration or an age.</summary>
    Duration,

    /// <summary>"Who", "which party", "authors": names of people, parties, courts.</summary>
    Who,

    /// <summary>"How many", "how much", "what percentage": a number, usually with a unit.</summary>
    Quantity,

    /// <summary>"What is X", "define X", "what does X mean": a definition.</summary>
    Definition,

    /// <summary>"Is", "can", "does", "may" ...: the sentence that decides it.</summary>
    YesNo,

    /// <summary>"Why": the reason.</summary>
    Reason,

    /// <summary>"How" (not how long/many/much/old): the method.</summary>
    Method,
}

/// <summary>
/// The question's kind and the answer shape it implies: a "how long" question is answered by a sentence holding a
/// duration, a "who" question by one naming parties or people. The shape is a tie-breaker among relevant sentences,
/// never a reason to quote an irrelevant one. <see cref="ImpliedTerms"/> are the words an answer of this kind uses
/// without the question saying them ("how old" is answered with "age").
/// </summary>
internal sealed partial record QuestionForm(QuestionKind Kind, IReadOnlyList<string> ImpliedTerms, bool AsksForPeople, bool AsksForReferences)
{
    /// <summary>Reads the question's form from its last interrogative sentence (the "Details:" of a benchmark prompt).</summary>
    public static QuestionForm Of(string question)
    {
        var q = Focus(question);
        var kind = Classify(q);
        var implied = new List<string>();
        if (HowOld().IsMatch(q))
        {
            implied.Add("age");
        }

        if (kind == QuestionKind.Duration)
        {
            implied.AddRange(["term", "period"]);
        }

        if (kind == QuestionKind.When)
        {
            implied.Add("date");
        }

        if (kind == QuestionKind.Definition)
        {
            implied.Add("mean");
        }

        return new QuestionForm(kind, implied, PeopleWords().IsMatch(question), ReferenceWords().IsMatch(question));
    }

    /// <summary>Whether the sentence has the shape this kind of question is answered with.</summary>
    public bool Fits(string sentence) => s_fits.Get((Kind, sentence));

    // The same evidence sentences come back question after question; the shape depends on the kind and the text only.
    private static readonly BoundedMemo<(QuestionKind Kind, string Sentence), bool> s_fits = new(16_384, k => FitsShape(k.Kind, k.Sentence));

    private static bool FitsShape(QuestionKind kind, string sentence) => kind switch
    {
        QuestionKind.When => DateShape().IsMatch(sentence) || DurationShape().IsMatch(sentence),
        QuestionKind.Duration => DurationShape().IsMatch(sentence) || AgeShape().IsMatch(sentence),
        QuestionKind.Who => NameShape().IsMatch(sentence),
        QuestionKind.Quantity => QuantityShape().IsMatch(sentence),
        QuestionKind.Definition => DefinitionShape().IsMatch(sentence),
        QuestionKind.YesNo => DecidingShape().IsMatch(sentence),
        QuestionKind.Reason => ReasonShape().IsMatch(sentence),
        QuestionKind.Method => MethodShape().IsMatch(sentence),
        _ => false,
    };

    private static string Focus(string question)
    {
        var details = question.LastIndexOf("Details:", StringComparison.OrdinalIgnoreCase);
        return (details >= 0 ? question[(details + 8)..] : question).Trim();
    }

    private static QuestionKind Classify(string q)
    {
        if (HowLong().IsMatch(q) || HowOld().IsMatch(q))
        {
            return QuestionKind.Duration;
        }

        if (When().IsMatch(q))
        {
            return QuestionKind.When;
        }

        if (HowMany().IsMatch(q))
        {
            return QuestionKind.Quantity;
        }

        if (Who().IsMatch(q))
        {
            return QuestionKind.Who;
        }

        if (Define().IsMatch(q))
        {
            return QuestionKind.Definition;
        }

        if (Why().IsMatch(q))
        {
            return QuestionKind.Reason;
        }

        if (How().IsMatch(q))
        {
            return QuestionKind.Method;
        }

        return YesNo().IsMatch(q) ? QuestionKind.YesNo : QuestionKind.Fact;
    }

    [GeneratedRegex(@"\bhow\s+long\b|\b(what|which)\s+(is\s+the\s+)?(term|duration|period|length)\b|\bremain\s+in\s+(force|effect)\b|\brenewal\s+term\b", RegexOptions.IgnoreCase)]
    private static partial Regex HowLong();

    [GeneratedRegex(@"\bhow\s+old\b|\bwhat\s+age\b|\bminimum\s+age\b", RegexOptions.IgnoreCase)]
    private static partial Regex HowOld();

    [GeneratedRegex(@"\bwhen\b|\bwhat\s+(date|day|year|time)\b|\bon\s+what\s+date\b|\bdeadline\b", RegexOptions.IgnoreCase)]
    private static partial Regex When();

    [GeneratedRegex(@"\bhow\s+(many|much)\b|\bwhat\s+(percentage|percent|number|amount|fraction|share|size|price|fee)\b", RegexOptions.IgnoreCase)]
    private static partial Regex HowMany();

    [GeneratedRegex(@"^\s*who\b|\bwho\s+(is|are|was|were|wrote|signed|argued|decides?)\b|\b(which|what)\s+(party|parties|court|judge|company|companies|authors?|person|people|organi[sz]ations?)\b|\bthe\s+parties\b|\bauthors?\s+of\b", RegexOptions.IgnoreCase)]
    private static partial Regex Who();

    [GeneratedRegex(@"\bdefin(e|ition)\b|\bwhat\s+does\s+.{1,80}\s+mean\b|\bmeaning\s+of\b|^\s*what\s+(is|are)\s+(a|an|the)?\s*[""“]?[\w\s-]{1,40}[""”]?\s*\??$", RegexOptions.IgnoreCase)]
    private static partial Regex Define();

    [GeneratedRegex(@"\bwhy\b|\bfor\s+what\s+reason\b|\bwhat\s+is\s+the\s+reason\b", RegexOptions.IgnoreCase)]
    private static partial Regex Why();

    [GeneratedRegex(@"^\s*how\b|\bhow\s+(do|does|did|is|are|was|were|can|should)\b", RegexOptions.IgnoreCase)]
    private static partial Regex How();

    [GeneratedRegex(@"^\s*(is|are|was|were|can|could|does|do|did|may|must|shall|should|will|would|has|have)\b|\bwhether\b", RegexOptions.IgnoreCase)]
    private static partial Regex YesNo();

    [GeneratedRegex(@"\b(authors?|wrote|written\s+by|affiliat\w*|universit\w*|institut\w*|emails?|contact)\b", RegexOptions.IgnoreCase)]
    private static partial Regex PeopleWords();

    [GeneratedRegex(@"\b(references?|bibliograph\w*|cites?|citations?|cited)\b", RegexOptions.IgnoreCase)]
    private static partial Regex ReferenceWords();

    [GeneratedRegex(@"\b(jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sep(t(ember)?)?|oct(ober)?|nov(ember)?|dec(ember)?)\.?\s+\d{1,2}\b|\b\d{1,2}\s+(january|february|march|april|may|june|july|august|september|october|november|december)\b|\b(1[6-9]|20)\d{2}\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b|\beffective\s+date\b|\b(upon|until|after|before|prior\s+to)\s+(the\s+)?(termination|expiration|execution|signing)\b", RegexOptions.IgnoreCase)]
    private static partial Regex DateShape();

    [GeneratedRegex(@"\b(\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|eighteen|twenty|thirty|forty|sixty|ninety|hundred)\b[\s\-()\d]{0,8}(calendar\s+|business\s+|consecutive\s+)?(days?|weeks?|months?|years?|quarters?|decades?)\b|\b(perpetual|perpetuity|indefinite(ly)?|until\s+terminated|annual(ly)?)\b", RegexOptions.IgnoreCase)]
    private static partial Regex DurationShape();

    [GeneratedRegex(@"\bage\s+of\b|\b\d+\s+years?\s+(of\s+age|old)\b|\b(twenty|thirty|twenty\s+five|thirty\s+five)\s+years\b", RegexOptions.IgnoreCase)]
    private static partial Regex AgeShape();

    [GeneratedRegex(@"\b\p{Lu}[\p{Ll}\p{Lu}&.-]+,?\s+(Inc|LLC|Ltd|Corp(oration)?|Company|Co|L\.?P|GmbH|S\.?A|plc|Limited|University|Institute)\b|\bbetween\s+\p{Lu}|\bby\s+and\s+(between|among)\b|\b\p{Lu}\p{Ll}+\s+(\p{Lu}\.\s+)?\p{Lu}\p{Ll}+\b.*\b\p{Lu}\p{Ll}+\s+\p{Lu}\p{Ll}+\b|\b(Mr|Ms|Mrs|Justice|Judge)\.?\s+\p{Lu}")]
    private static partial Regex NameShape();

    [GeneratedRegex(@"\d|\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|hundred|thousand|million|billion|dozen)\b", RegexOptions.IgnoreCase)]
    private static partial Regex QuantityShape();

    [GeneratedRegex(@"\b(means|shall\s+mean|is\s+defined\s+as|are\s+defined\s+as|refers?\s+to|is\s+called|denotes|is\s+an?|are)\b", RegexOptions.IgnoreCase)]
    private static partial Regex DefinitionShape();

    [GeneratedRegex(@"\b(may|shall|must|not|no|cannot|never|permitted|prohibited|allowed|required|entitled|only)\b", RegexOptions.IgnoreCase)]
    private static partial Regex DecidingShape();

    [GeneratedRegex(@"\b(because|since|due\s+to|in\s+order\s+to|so\s+that|as\s+a\s+result|therefore|thus|hence|to\s+(ensure|avoid|allow|enable|prevent|address))\b", RegexOptions.IgnoreCase)]
    private static partial Regex ReasonShape();

    [GeneratedRegex(@"\b(by|using|through|via|we\s+(use|train|apply|propose|compute|build|extract|collect|parse)|consists?\s+of|is\s+computed|is\s+obtained)\b", RegexOptions.IgnoreCase)]
    private static partial Regex MethodShape();
}
