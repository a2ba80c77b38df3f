namespace RagPlatform.Core.Evaluation.Qa;

/// <summary>One question of an L-Eval task with its gold answer; multiple-choice questions carry their options.</summary>
/// <param name="Question">The question (for multiple choice: the stem, without the options).</param>
/// <param name="Gold">The gold answer text (for multiple choice: the correct option's text, without its letter).</param>
/// <param name="Options">The options' texts in order (A, B, ...), or null for free-form questions.</param>
/// <param name="GoldOption">Index of the correct option, or null.</param>
public sealed record LongDocQuestion(string Question, string Gold, IReadOnlyList<string>? Options = null, int? GoldOption = null)
{
    /// <summary>The text to ask: the question, followed by the options for multiple choice (they steer retrieval to every option).</summary>
    public string Prompt => Options is null ? Question : Question + "\n" + string.Join("\n", Options);
}
