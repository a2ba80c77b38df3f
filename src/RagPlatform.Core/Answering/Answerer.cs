using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using RagPlatform.Core.Collections;
using RagPlatform.Core.Documents;
using RagPlatform.Core.Errors;
using RagPlatform.Core.Retrieval;
using RagPlatform.Core.Storage;
using RagPlatform.Core.Text;
using RagPlatform.Core.Trees;

namespace RagPlatform.Core.Answering;

/// <summary>
/// Answers questions from a collection with verifiable citations. Gathers evidence by strategy (passages: the
/// retriever's top hits; map-reduce: every chunk of one document, ranked by their best sentence, reduced to one
/// answer), then generates (extractive by default; an <see cref="IChatClient"/> when one is registered and
/// <see cref="AnswerOptions.Generator"/> is "chat"). The embedder and chat client are optional services.
/// </summary>
public sealed partial class Answerer(
    Retriever retriever,
    IMetadataStore store,
    IOptions<AnswerOptions> options,
    TimeProvider time,
    IEmbeddingGenerator<string, Embedding<float>>? embedder = null,
    IChatClient? chatClient = null,
    TreeWalker? treeWalker = null,
    IOptions<TreeOptions>? treeOptions = null,
    SummarySearcher? summaries = null)
{
    private readonly AnswerOptions _options = options.Value;
    private readonly AnswerComposer _composer = new(options.Value, time, embedder, chatClient);
    private readonly TreeStrategy? _trees = treeWalker is null ? null : new(store, treeWalker, treeOptions?.Value ?? new TreeOptions());

    /// <summary>Answers the question; the same as the final update of <see cref="StreamAsync"/>.</summary>
    public async Task<Answer> AskAsync(AskRequest request, CancellationToken cancellationToken)
    {
        await foreach (var update in StreamAsync(request, cancellationToken))
        {
            if (update.Answer is not null)
            {
                return update.Answer;
            }
        }

        throw new InvalidOperationException("The answer stream ended without an answer.");
    }

    /// <summary>
    /// Streams the answer: text deltas, then one final update carrying the complete <see cref="Answer"/>, which is
    /// authoritative. Throws <see cref="InvalidRequestException"/> for bad requests and <see cref="NotFoundException"/>
    /// for a missing collection or document, before the first update.
    /// </summary>
    public async IAsyncEnumerable<AnswerUpdate> StreamAsync(AskRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var question = request.Question?.Trim() ?? string.Empty;
        if (question.Length == 0)
        {
            throw new InvalidRequestException("The question is empty.");
        }

        if (question.Length > _options.MaxQuestionChars)
        {
            throw new InvalidRequestException(
                $"The question is {question.Length:N0} characters long; the limit is {_options.MaxQuestionChars:N0} (Answer:MaxQuestionChars).");
        }

        var collection = CollectionName.Validate(request.Collection);
        var top = request.Top ?? _options.DefaultTop;
        if (top is < 1 or > 100)
        {
            throw new InvalidRequestException($"top must be between 1 and 100; got {top}.");
        }

        var strategy = AnswerStrategy.Parse(request.Strategy);
        if (strategy == AnswerStrategy.Tree && _trees is null)
        {
            throw new InvalidRequestException("The tree strategy needs summary trees, and this host has no tree walker; use passages, map-reduce or auto.");
        }

        var documentId = request.DocumentId;
        if (strategy != AnswerStrategy.Passages && documentId is null)
        {
            documentId = await FindNamedDocumentAsync(collection, question, cancellationToken);
        }

        var combine = false;
        if (strategy == AnswerStrategy.Auto)
        {
            strategy = documentId is not null && IsWholeDocumentQuestion(question)
                ? (_trees is not null && await _trees.HasTreeAsync(documentId.Value, cancellationToken) ? AnswerStrategy.Tree : AnswerStrategy.MapReduce)
                : AnswerStrategy.Passages;
            combine = strategy == AnswerStrategy.Passages && _trees is not null;
        }

        if (strategy == AnswerStrategy.Tree && documentId is null)
        {
            documentId = await FindTreeDocumentAsync(collection, question, cancellationToken);
        }

        IReadOnlyList<SearchHit> evidence;
        TreeWalk? walk = null;
        IReadOnlyList<string>? queryOverride = null;
        var maxSentences = _options.MaxSentences;
        if (strategy == AnswerStrategy.MapReduce)
        {
            if (documentId is null)
            {
                throw new InvalidRequestException("map-reduce answers from one document: pass documentId, or name the document's title in the question.");
            }

            (evidence, queryOverride) = await MapAsync(collection, documentId.Value, question, Math.Max(top, _options.MapReduceMaxSentences), cancellationToken);
            maxSentences = _options.MapReduceMaxSentences;
        }
        else if (strategy == AnswerStrategy.Tree)
        {
            (evidence, walk) = await _trees!.WalkAsync(collection, documentId!.Value, question, top, cancellationToken);
        }
        else
        {
            evidence = await RetrieveAsync(collection, question, top, documentId, cancellationToken);
            if (combine)
            {
                (evidence, walk) = await _trees!.CombineAsync(collection, documentId, question, evidence, top, cancellationToken);
            }
        }

        await foreach (var update in _composer.ComposeAsync(question, strategy, evidence, maxSentences, queryOverride, started, cancellationToken))
        {
            yield return update.Answer is null || walk is null
                ? update
                : update with { Answer = update.Answer with { Walk = walk, Trace = [.. walk.TraceLines(), .. update.Answer.Trace ?? []] } };
        }
    }

    /// <summary>
    /// The document a tree walk reads: the one the question names, the collection's only one, the one whose summary
    /// nodes match the question best, or the top passage's.
    /// </summary>
    private async Task<Guid> FindTreeDocumentAsync(string collection, string question, CancellationToken cancellationToken)
    {
        var documents = (await store.ListDocumentsAsync(collection, cancellationToken)).Where(d => d.State == DocumentState.Indexed).ToList();
        if (documents.Count == 1)
        {
            return documents[0].Id;
        }

        if (summaries is not null && await summaries.SearchAsync(collection, question, 1, cancellationToken) is [var best, ..])
        {
            return best.DocumentId;
        }

        var hits = await RetrieveAsync(collection, question, 1, null, cancellationToken);
        return hits.Count > 0
            ? hits[0].DocumentId
            : throw new NotFoundException($"No indexed document in collection '{collection}' matches the question; pass documentId for the tree strategy.");
    }

    /// <summary>Answers from given evidence, skipping retrieval (tests and callers that already hold passages).</summary>
    internal IAsyncEnumerable<AnswerUpdate> StreamFromEvidenceAsync(string question, IReadOnlyList<SearchHit> evidence, CancellationToken cancellationToken) =>
        _composer.ComposeAsync(question, AnswerStrategy.Passages, evidence, _options.MaxSentences, null, time.GetTimestamp(), cancellationToken);

    private async Task<IReadOnlyList<SearchHit>> RetrieveAsync(string collection, string question, int top, Guid? documentId, CancellationToken cancellationToken)
    {
        // The retriever has no document filter: over-fetch and keep the document's hits.
        var wanted = documentId is null ? top : Math.Min(top * 5, 200);
        var keywords = Terms.Keywords(question);
        var query = keywords.Length == 0 ? question : keywords;
        var response = await retriever.SearchAsync(new SearchRequest(query, collection, wanted), cancellationToken);
        return documentId is null ? response.Hits : [.. response.Hits.Where(h => h.DocumentId == documentId).Take(top)];
    }

    /// <summary>
    /// Map: every chunk of the document (of the named section, when the question names one) is scored by its best
    /// sentence; the best <paramref name="keep"/> chunks go on to the reduce step. Summary questions use the
    /// document's most characteristic terms instead of the question's.
    /// </summary>
    private async Task<(IReadOnlyList<SearchHit> Evidence, IReadOnlyList<string>? Query)> MapAsync(
        string collection, Guid documentId, string question, int keep, CancellationToken cancellationToken)
    {
        var info = await store.GetDocumentAsync(documentId, cancellationToken);
        if (info is null || info.Collection != collection || info.State != DocumentState.Indexed)
        {
            throw new NotFoundException($"No indexed document {documentId} in collection '{collection}'.");
        }

        var chunks = await store.GetChunksAsync(documentId, cancellationToken);
        var section = SectionNumber().Match(question);
        if (section.Success)
        {
            var number = section.Groups[1].Value;
            var inSection = chunks.Where(c => c.Section.StartsWith(number, StringComparison.Ordinal) || c.Section.Contains("Section " + number, StringComparison.OrdinalIgnoreCase)).ToList();
            if (inSection.Count > 0)
            {
                chunks = inSection;
            }
        }

        var hits = chunks.Select(c => ToHit(c, info)).ToList();
        IReadOnlyList<string>? query = null;
        if (IsSummaryQuestion(question))
        {
            query = [.. hits.SelectMany(h => Terms.Tokenize(h.Text)).GroupBy(t => t, StringComparer.Ordinal)
                .OrderByDescending(g => g.Count()).Take(30).Select(g => g.Key)];
        }

        var terms = (query ?? Terms.Tokenize(question)).Distinct(StringComparer.Ordinal).ToList();
        var sentences = ExtractiveAnswerer.SplitEvidence(hits);
        var scorer = new LexicalScorer([.. sentences.Select(s => s.Terms)]);
        var bestPerHit = new double[hits.Count];
        foreach (var s in sentences)
        {
            bestPerHit[s.Hit] = Math.Max(bestPerHit[s.Hit], scorer.Score(terms, s.Terms));
        }

        var kept = Enumerable.Range(0, hits.Count).OrderByDescending(i => bestPerHit[i]).ThenBy(i => i).Take(keep)
            .Select(i => hits[i] with { Score = bestPerHit[i] }).ToList();
        return (kept, query);
    }

    private async Task<Guid?> FindNamedDocumentAsync(string collection, string question, CancellationToken cancellationToken)
    {
        var documents = await store.ListDocumentsAsync(collection, cancellationToken);
        return documents
            .Where(d => d.State == DocumentState.Indexed && d.Title.Length >= 4 && question.Contains(d.Title, StringComparison.OrdinalIgnoreCase))
            .OrderByDescending(d => d.Title.Length)
            .Select(d => (Guid?)d.Id)
            .FirstOrDefault();
    }

    internal static SearchHit ToHit(Chunk chunk, DocumentInfo info) => new()
    {
        ChunkId = chunk.Id,
        DocumentId = chunk.DocumentId,
        Title = info.Title,
        Source = info.Source,
        PageStart = chunk.PageStart,
        PageEnd = chunk.PageEnd,
        CharStart = chunk.CharStart,
        CharEnd = chunk.CharEnd,
        Section = chunk.Section,
        Text = chunk.Text,
        Snippet = string.Empty,
        Score = 0,
        Scores = new HitScores(),
    };

    internal static bool IsWholeDocumentQuestion(string question) => WholeDocument().IsMatch(question);

    private static bool IsSummaryQuestion(string question) => Summary().IsMatch(question);

    [GeneratedRegex(@"\b(summar\w*|overview|main points|gist|outline|list (all|every|each)|every|all the|each of the)\b", RegexOptions.IgnoreCase)]
    private static partial Regex WholeDocument();

    [GeneratedRegex(@"\b(summar\w*|overview|main points|gist|outline)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Summary();

    [GeneratedRegex(@"\b(?:section|sec\.|§)\s*(\d+(?:\.\d+)*)", RegexOptions.IgnoreCase)]
    private static partial Regex SectionNumber();
}
