namespace RagPlatform.Core.Evaluation.Qa;

/// <summary>
/// One line of a user-written question set (<c>ragp eval-qa --questions FILE.jsonl</c>, <c>POST /api/eval-qa</c>).
/// </summary>
/// <param name="Line">The 1-based line (or array position) the question came from, for failure reports.</param>
/// <param name="Question">The question as a user would ask it.</param>
/// <param name="Collection">The collection to ask; null for the run's collection.</param>
/// <param name="Document">A file name (with or without extension) or title that a correct citation's document must match; null for any document.</param>
/// <param name="KeyPhrases">Phrases that must all appear in a correct answer (matched on normalized tokens).</param>
/// <param name="Pages">1-based pages where the answer is; a correct answer cites one of them (empty: any page).</param>
/// <param name="Answerable">False for questions the documents cannot answer: the right answer is to abstain.</param>
public sealed record QuestionSetItem(
    int Line,
    string Question,
    string? Collection,
    string? Document,
    IReadOnlyList<string> KeyPhrases,
    IReadOnlyList<int> Pages,
    bool Answerable);
