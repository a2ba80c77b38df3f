namespace RagPlatform.Core.Evaluation.Qa;

/// <summary>How one question fared.</summary>
/// <param name="Task">Index of the task (document) in the file.</param>
/// <param name="Question">The question.</param>
/// <param name="Gold">The gold answer.</param>
/// <param name="Answer">The answer text (for multiple choice: the chosen option).</param>
/// <param name="AnswerF1">Token F1 of the answer against the gold.</param>
/// <param name="EvidenceF1">Best window F1 of the gold against the cited and top-5 evidence spans.</param>
/// <param name="EvidenceFound">Whether <paramref name="EvidenceF1"/> reached 0.5.</param>
/// <param name="Citations">Number of citations.</param>
/// <param name="CitationsVerbatim">Number of citations whose quote equals the document text at their span.</param>
/// <param name="Abstained">Whether the answer abstained.</param>
/// <param name="Chosen">Index of the chosen option (multiple choice), else null.</param>
/// <param name="Correct">Whether the chosen option is the gold one (multiple choice); for question sets whether the answer is correct; else null.</param>
/// <param name="TookMs">Time the ask took.</param>
/// <param name="Relevance">The extractive answerer's best sentence relevance (what the abstain threshold is compared with).</param>
public sealed record QaQuestionResult(
    int Task,
    string Question,
    string Gold,
    string Answer,
    double AnswerF1,
    double EvidenceF1,
    bool EvidenceFound,
    int Citations,
    int CitationsVerbatim,
    bool Abstained,
    int? Chosen,
    bool? Correct,
    double TookMs,
    double? Relevance = null)
{
    /// <summary>Question sets: the collection asked.</summary>
    public string? Collection { get; init; }

    /// <summary>Question sets: false for a question the documents cannot answer.</summary>
    public bool? Answerable { get; init; }

    /// <summary>Question sets: the key phrases a correct answer holds.</summary>
    public IReadOnlyList<string>? KeyPhrases { get; init; }

    /// <summary>Question sets: the key phrases missing from the answer.</summary>
    public IReadOnlyList<string>? MissingPhrases { get; init; }

    /// <summary>Question sets: whether a citation lies in the right document on a right page.</summary>
    public bool? CitationOnPage { get; init; }

    /// <summary>Question sets: where the answer's citations point ("file p. 3-4").</summary>
    public IReadOnlyList<string>? Cited { get; init; }

    /// <summary>Question sets: the answer's junk sentences, each as "kind: text".</summary>
    public IReadOnlyList<string>? Junk { get; init; }

    /// <summary>Question sets: time of the search the ask runs (same query, same top).</summary>
    public double? SearchMs { get; init; }

    /// <summary>Question sets: why the question failed; empty when it passed.</summary>
    public IReadOnlyList<string>? Reasons { get; init; }
}
