using Microsoft.Extensions.Options;
using RagPlatform.Core.Answering;
using RagPlatform.Core.Documents;
using RagPlatform.Core.Errors;
using RagPlatform.Core.Retrieval;
using RagPlatform.Core.Storage;
using RagPlatform.Core.Text;

namespace RagPlatform.Core.Evaluation.Qa;

/// <summary>
/// Asks every question of a question set and scores the answers (<see cref="QuestionSetScorer"/>) into a
/// <see cref="QaReport"/>. For each question it also times the search the passages strategy runs for it (the same
/// keyword query and top), right before the ask, so ask and search latency come from the same run. The first
/// question is asked once untimed to warm up the indexes and models.
/// </summary>
/// <param name="answerer">Answers the questions.</param>
/// <param name="retriever">Runs the timed searches.</param>
/// <param name="store">Reads cited documents and their text (verbatim check).</param>
/// <param name="options">The answer options (default top).</param>
/// <param name="time">Clock for latencies.</param>
public sealed class QuestionSetEvaluator(Answerer answerer, Retriever retriever, IMetadataStore store, IOptions<AnswerOptions> options, TimeProvider time)
{
    /// <summary>Runs the set.</summary>
    /// <param name="dataset">Name for the report (the file name without extension).</param>
    /// <param name="strategy">Answer strategy (passages, map-reduce, tree, auto).</param>
    /// <param name="items">The questions.</param>
    /// <param name="defaultCollection">The collection for questions that name none.</param>
    /// <param name="embedder">The embedding model's name for the report, or null when none runs.</param>
    /// <param name="progress">Receives the number of questions done.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    public async Task<QaReport> EvaluateAsync(
        string dataset,
        string strategy,
        IReadOnlyList<QuestionSetItem> items,
        string? defaultCollection,
        string? embedder,
        IProgress<int>? progress,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(items);
        var missing = items.FirstOrDefault(i => i.Collection is null && defaultCollection is null);
        if (missing is not null)
        {
            throw new InvalidRequestException($"Question on line {missing.Line} names no collection and the run has none; give a collection.");
        }

        var top = options.Value.DefaultTop;
        var documents = new Dictionary<Guid, DocumentInfo>();
        var texts = new Dictionary<Guid, string?>();
        var results = new List<QaQuestionResult>();
        if (items.Count > 0)
        {
            var first = items[0];
            await SearchAsync(first.Collection ?? defaultCollection!, first.Question, top, cancellationToken);
            await answerer.AskAsync(new AskRequest(first.Question, first.Collection ?? defaultCollection!, Strategy: strategy), cancellationToken);
        }

        foreach (var item in items)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var collection = item.Collection ?? defaultCollection!;
            var searchMs = await SearchAsync(collection, item.Question, top, cancellationToken);
            var started = time.GetTimestamp();
            var answer = await answerer.AskAsync(new AskRequest(item.Question, collection, Strategy: strategy), cancellationToken);
            var tookMs = time.GetElapsedTime(started).TotalMilliseconds;
            var verbatim = 0;
            foreach (var citation in answer.Citations)
            {
                if (!documents.ContainsKey(citation.DocumentId) && await store.GetDocumentAsync(citation.DocumentId, cancellationToken) is { } info)
                {
                    documents[citation.DocumentId] = info;
                }

                if (!texts.TryGetValue(citation.DocumentId, out var text))
                {
                    text = (await store.GetStoredDocumentAsync(citation.DocumentId, cancellationToken))?.Text;
                    texts[citation.DocumentId] = text;
                }

                verbatim += text is not null && citation.CharEnd <= text.Length && text[citation.CharStart..citation.CharEnd] == citation.Quote ? 1 : 0;
            }

            results.Add(QuestionSetScorer.Score(item, collection, answer, documents, verbatim, tookMs, searchMs));
            progress?.Report(results.Count);
        }

        return Report(dataset, strategy, embedder, results);
    }

    /// <summary>Builds the report from scored questions (exposed for callers that ask on their own).</summary>
    public static QaReport Report(string dataset, string strategy, string? embedder, IReadOnlyList<QaQuestionResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var answerable = results.Where(r => r.Answerable != false).ToList();
        var unanswerable = results.Where(r => r.Answerable == false).ToList();
        var citations = results.Sum(r => r.Citations);
        var phrases = answerable.Sum(r => r.KeyPhrases?.Count ?? 0);
        var missing = answerable.Sum(r => r.MissingPhrases?.Count ?? 0);
        return new QaReport(
            dataset,
            strategy,
            results.Count,
            answerable.Count == 0 ? 0 : Math.Round(answerable.Count(r => r.EvidenceFound) / (double)answerable.Count, 4),
            answerable.Count == 0 ? 0 : Math.Round(answerable.Average(r => r.AnswerF1), 4),
            null,
            citations == 0 ? 1 : Math.Round(results.Sum(r => r.CitationsVerbatim) / (double)citations, 4),
            unanswerable.Count == 0 ? null : Math.Round(unanswerable.Count(r => r.Abstained) / (double)unanswerable.Count, 4),
            Latency(results.Select(r => r.TookMs)),
            results)
        {
            Correct = results.Count == 0 ? 0 : Math.Round(results.Count(r => r.Correct == true) / (double)results.Count, 4),
            KeyPhraseRecall = phrases == 0 ? null : Math.Round((phrases - missing) / (double)phrases, 4),
            JunkSentences = results.Sum(r => r.Junk?.Count ?? 0),
            Answerable = answerable.Count,
            Unanswerable = unanswerable.Count,
            SearchLatencyMs = results.All(r => r.SearchMs is null) ? null : Latency(results.Where(r => r.SearchMs is not null).Select(r => r.SearchMs!.Value)),
            Embedder = embedder,
            Failed = [.. results.Where(r => r.Reasons is { Count: > 0 }).Select(r => new QaFailure(r.Task, r.Question, r.Reasons!))],
        };
    }

    private async Task<double> SearchAsync(string collection, string question, int top, CancellationToken cancellationToken)
    {
        // The query the passages strategy sends (Answerer.RetrieveAsync): the question's keywords.
        var keywords = Terms.Keywords(question);
        var started = time.GetTimestamp();
        await retriever.SearchAsync(new SearchRequest(keywords.Length == 0 ? question : keywords, collection, top), cancellationToken);
        return time.GetElapsedTime(started).TotalMilliseconds;
    }

    private static QaLatency Latency(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return new QaLatency(Percentile(sorted, 0.50), Percentile(sorted, 0.95));
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? 0 : Math.Round(sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)], 3);
}
