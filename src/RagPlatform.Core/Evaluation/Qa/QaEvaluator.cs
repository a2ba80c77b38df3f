using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;
using RagPlatform.Core.Answering;

namespace RagPlatform.Core.Evaluation.Qa;

/// <summary>
/// Scores answers to L-Eval questions. The caller supplies how to ask (it indexes each task's document into its own
/// collection first) and how to check a citation against the stored text, so the evaluator runs unchanged from the
/// CLI, a test or a benchmark.
/// </summary>
/// <param name="time">Clock for latencies.</param>
/// <param name="embedder">When given, multiple-choice options are also scored by embedding similarity to the evidence.</param>
public sealed partial class QaEvaluator(TimeProvider time, IEmbeddingGenerator<string, Embedding<float>>? embedder = null)
{
    /// <summary>Evidence passages, besides the citations, that count for evidence recall.</summary>
    public const int EvidenceDepth = 5;

    /// <summary>Window F1 from which a span counts as holding the gold answer.</summary>
    public const double EvidenceThreshold = 0.5;

    /// <summary>Asks every question of every task and scores the answers.</summary>
    /// <param name="dataset">Dataset name for the report.</param>
    /// <param name="strategy">Strategy name for the report.</param>
    /// <param name="tasks">The tasks.</param>
    /// <param name="askAsync">Asks one question of the task with the given index (use <see cref="LongDocQuestion.Prompt"/>).</param>
    /// <param name="isVerbatimAsync">Whether a citation's quote equals the stored document text at its span.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    public async Task<QaReport> EvaluateAsync(
        string dataset,
        string strategy,
        IReadOnlyList<LongDocTask> tasks,
        Func<int, LongDocQuestion, CancellationToken, Task<Answer>> askAsync,
        Func<Citation, CancellationToken, Task<bool>> isVerbatimAsync,
        CancellationToken cancellationToken)
    {
        var results = new List<QaQuestionResult>();
        for (var t = 0; t < tasks.Count; t++)
        {
            foreach (var question in tasks[t].Questions)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var started = time.GetTimestamp();
                var answer = await askAsync(t, question, cancellationToken);
                var took = time.GetElapsedTime(started).TotalMilliseconds;
                var verbatim = 0;
                foreach (var citation in answer.Citations)
                {
                    verbatim += await isVerbatimAsync(citation, cancellationToken) ? 1 : 0;
                }

                int? chosen = question.Options is { Count: > 0 } options
                    ? await MultipleChoice.ChooseAsync(question.Question, options, [.. answer.Evidence.Select(h => h.Text)], embedder, cancellationToken)
                    : null;
                results.Add(Score(t, question, answer, verbatim, took, chosen));
            }
        }

        var citations = results.Sum(r => r.Citations);
        var choices = results.Where(r => r.Correct is not null).ToList();
        var unanswerable = results.Where(r => IsUnanswerable(r.Gold)).ToList();
        var latencies = results.Select(r => r.TookMs).Order().ToList();
        return new QaReport(
            dataset,
            strategy,
            results.Count,
            results.Count == 0 ? 0 : Math.Round(results.Count(r => r.EvidenceFound) / (double)results.Count, 4),
            results.Count == 0 ? 0 : Math.Round(results.Average(r => r.AnswerF1), 4),
            choices.Count == 0 ? null : Math.Round(choices.Count(r => r.Correct == true) / (double)choices.Count, 4),
            citations == 0 ? 1 : Math.Round(results.Sum(r => r.CitationsVerbatim) / (double)citations, 4),
            unanswerable.Count == 0 ? null : Math.Round(unanswerable.Count(r => r.Abstained) / (double)unanswerable.Count, 4),
            new QaLatency(Percentile(latencies, 0.50), Percentile(latencies, 0.95)),
            results);
    }

    /// <summary>
    /// Scores one answer (exposed for tests and for callers that ask on their own); for multiple choice,
    /// <paramref name="chosenOption"/> is the option picked, or null to pick it by lexical support.
    /// </summary>
    public static QaQuestionResult Score(int task, LongDocQuestion question, Answer answer, int verbatimCitations, double tookMs, int? chosenOption = null)
    {
        var spans = answer.Citations.Select(c => c.Quote).Concat(answer.Evidence.Take(EvidenceDepth).Select(h => h.Text)).ToList();
        var evidenceF1 = spans.Count == 0 ? 0 : spans.Max(s => TokenF1.BestWindow(s, question.Gold));
        int? chosen = null;
        bool? correct = null;
        var predicted = StripMarkers(answer.Text);
        if (question.Options is { Count: > 0 } options)
        {
            chosen = chosenOption ?? MultipleChoice.Choose(question.Question, options, [.. answer.Evidence.Select(h => h.Text)]);
            correct = question.GoldOption is not null ? chosen == question.GoldOption : null;
            predicted = options[chosen.Value];
        }
        else if (answer.Abstained)
        {
            predicted = string.Empty;
        }

        return new QaQuestionResult(
            task,
            question.Question,
            question.Gold,
            predicted,
            Math.Round(TokenF1.Score(predicted, question.Gold), 4),
            Math.Round(evidenceF1, 4),
            evidenceF1 >= EvidenceThreshold,
            answer.Citations.Count,
            verbatimCitations,
            answer.Abstained,
            chosen,
            correct,
            Math.Round(tookMs, 3),
            answer.Relevance);
    }

    /// <summary>The answer text without its [n] citation markers.</summary>
    public static string StripMarkers(string text) => Markers().Replace(text, string.Empty);

    private static bool IsUnanswerable(string gold) =>
        TokenF1.Tokens(gold) is var tokens && (tokens.Count == 0 || (tokens.Count <= 2 && tokens[0] is "none" or "unanswerable"));

    private static double Percentile(List<double> sorted, double p)
    {
        if (sorted.Count == 0)
        {
            return 0;
        }

        var index = (int)Math.Ceiling(p * sorted.Count) - 1;
        return Math.Round(sorted[Math.Clamp(index, 0, sorted.Count - 1)], 3);
    }

    [GeneratedRegex(@"\s*\[\d+(?:\s*[,;]\s*\d+)*\]")]
    private static partial Regex Markers();
}
