using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using RagPlatform.Core.Collections;
using RagPlatform.Core.Diagnostics;
using RagPlatform.Core.Documents;
using RagPlatform.Core.Embeddings;
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
    SummarySearcher? summaries = null,
    ISentenceVectorIndex? sentenceVectors = null)
{
    private const int MaxSummaryCandidates = 8;

    private readonly AnswerOptions _options = options.Value;
    private readonly AnswerComposer _composer = new(options.Value, time, embedder, chatClient, sentenceVectors);
    private readonly DocumentCache _documents = new(store, options.Value.DocumentCacheChars);
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

        var scope = request.Scope;
        var documentId = scope.Count == 1 ? scope[0] : (Guid?)null;
        if (strategy == AnswerStrategy.Tree && scope.Count > 1)
        {
            throw new InvalidRequestException("The tree strategy walks one document's summary tree; scope the question to one document, or use map-reduce or passages.");
        }

        IReadOnlyList<string> nameTerms = [];
        string? namedTrace = null;
        List<DocumentInfo> indexed;
        using (RagActivity.Source.StartActivity("ask-list"))
        {
            indexed = (await store.ListDocumentsAsync(collection, cancellationToken)).Where(d => d.State == DocumentState.Indexed).ToList();
        }

        if (scope.Count == 0 && DocumentResolver.Resolve(question, indexed) is { } resolved)
        {
            documentId = resolved.Id;
            nameTerms = resolved.NameTerms;
            namedTrace = $"the question names \"{indexed.First(d => d.Id == resolved.Id).Title}\" ({string.Join(", ", nameTerms)}): answered from it";
        }

        // "What is CiteSee?" where CiteSee names a document asks what that document is about.
        var namesOnly = documentId is not null && nameTerms.Count > 0 && Terms.Tokenize(question).All(nameTerms.Contains);
        if ((IsAboutQuestion(question) || namesOnly) && scope.Count <= 1 && await SummaryEvidenceAsync(question, documentId, indexed, cancellationToken) is { } lead)
        {
            var leadContext = new ComposeContext(_options.MaxSentences) { Collection = collection, Lead = true, Profiles = lead.Profiles, NameTerms = nameTerms };
            var leadStrategy = strategy == AnswerStrategy.Auto ? AnswerStrategy.Passages : strategy;
            await foreach (var update in _composer.ComposeAsync(question, leadStrategy, lead.Evidence, leadContext, started, cancellationToken))
            {
                yield return update.Answer is null ? update : update with { Answer = update.Answer with { Trace = ["whole-document question: answered from the document's abstract or summary", .. update.Answer.Trace ?? []] } };
            }

            yield break;
        }

        var combine = false;
        if (strategy == AnswerStrategy.Auto)
        {
            strategy = scope.Count > 1 && IsWholeDocumentQuestion(question) ? AnswerStrategy.MapReduce
                : documentId is not null && IsWholeDocumentQuestion(question)
                ? (_trees is not null && await _trees.HasTreeAsync(indexed.Find(d => d.Id == documentId.Value), documentId.Value, _documents, cancellationToken) ? AnswerStrategy.Tree : AnswerStrategy.MapReduce)
                : AnswerStrategy.Passages;
            // A tree leaf may come from any document, so a question scoped to several takes passages only.
            combine = strategy == AnswerStrategy.Passages && _trees is not null && scope.Count <= 1;
        }

        if (strategy == AnswerStrategy.Tree && documentId is null)
        {
            documentId = await FindTreeDocumentAsync(collection, question, indexed, cancellationToken);
        }

        IReadOnlyList<SearchHit> evidence;
        TreeWalk? walk = null;
        IReadOnlyList<string>? queryOverride = null;
        var maxSentences = _options.MaxSentences;
        using (RagActivity.Source.StartActivity("ask-retrieve"))
        {
            if (strategy == AnswerStrategy.MapReduce)
            {
                IReadOnlyList<Guid> documents = scope.Count > 0 ? scope : documentId is { } named ? [named] : [];
                if (documents.Count == 0)
                {
                    throw new InvalidRequestException("map-reduce answers from whole documents: pass documentId (or documentIds), or name the document's title in the question.");
                }

                (evidence, queryOverride) = await MapAsync(collection, documents, question, Math.Max(top, _options.MapReduceMaxSentences), cancellationToken);
                maxSentences = _options.MapReduceMaxSentences;
            }
            else if (strategy == AnswerStrategy.Tree)
            {
                (evidence, walk) = await _trees!.WalkAsync(collection, documentId!.Value, indexed.Find(d => d.Id == documentId!.Value), question, top, _documents, cancellationToken);
            }
            else
            {
                evidence = await RetrieveAsync(collection, question, top, scope.Count > 0 ? scope : documentId is { } named ? [named] : [], cancellationToken);
                if (combine)
                {
                    using var treeActivity = RagActivity.Source.StartActivity("ask-tree");
                    (evidence, walk) = await _trees!.CombineAsync(collection, documentId, question, evidence, top, indexed, _documents, cancellationToken);
                }
            }

            // A question about one document also reads its abstract: a paper's features, tasks and headline figures are
            // stated there, in words the body's passages often do not repeat.
            if (strategy != AnswerStrategy.MapReduce && documentId is { } one && scope.Count <= 1
                && await SummaryEvidenceAsync(question, one, indexed, cancellationToken) is { } summary
                && !evidence.Any(h => h.DocumentId == one && h.CharStart <= summary.Evidence[0].CharStart && h.CharEnd >= summary.Evidence[0].CharEnd))
            {
                evidence = [.. evidence, summary.Evidence[0]];
            }
        }

        if (strategy != AnswerStrategy.MapReduce)
        {
            // A passage cut mid-sentence, or ending on a list's lead-in, runs on into the next chunk.
            using var expand = RagActivity.Source.StartActivity("ask-expand");
            evidence = await EvidenceExpander.ExpandAsync(evidence, indexed, _documents, cancellationToken);
        }

        var context = new ComposeContext(maxSentences) { Collection = collection, QueryOverride = queryOverride, NameTerms = nameTerms, Profiles = await ProfilesAsync(evidence, indexed, cancellationToken) };
        await foreach (var update in _composer.ComposeAsync(question, strategy, evidence, context, started, cancellationToken))
        {
            yield return update.Answer is null || (walk is null && namedTrace is null)
                ? update
                : update with
                {
                    Answer = update.Answer with
                    {
                        Walk = walk ?? update.Answer.Walk,
                        Trace = [.. namedTrace is null ? [] : new[] { namedTrace }, .. walk?.TraceLines() ?? [], .. update.Answer.Trace ?? []],
                    },
                };
        }
    }

    /// <summary>
    /// The document a tree walk reads: the one the question names, the collection's only one, the one whose summary
    /// nodes match the question best, or the top passage's.
    /// </summary>
    private async Task<Guid> FindTreeDocumentAsync(string collection, string question, List<DocumentInfo> documents, CancellationToken cancellationToken)
    {
        if (documents.Count == 1)
        {
            return documents[0].Id;
        }

        if (summaries is not null && await summaries.SearchAsync(collection, question, 1, cancellationToken) is [var best, ..])
        {
            return best.DocumentId;
        }

        var hits = await RetrieveAsync(collection, question, 1, [], cancellationToken);
        return hits.Count > 0
            ? hits[0].DocumentId
            : throw new NotFoundException($"No indexed document in collection '{collection}' matches the question; pass documentId for the tree strategy.");
    }

    /// <summary>Answers from given evidence, skipping retrieval (tests and callers that already hold passages).</summary>
    internal IAsyncEnumerable<AnswerUpdate> StreamFromEvidenceAsync(string question, IReadOnlyList<SearchHit> evidence, CancellationToken cancellationToken) =>
        _composer.ComposeAsync(question, AnswerStrategy.Passages, evidence, _options.MaxSentences, null, time.GetTimestamp(), cancellationToken);

    private async Task<IReadOnlyList<SearchHit>> RetrieveAsync(string collection, string question, int top, IReadOnlyList<Guid> documentIds, CancellationToken cancellationToken)
    {
        // Scoped to documents, the retriever ranks deeper and builds only the scoped documents' hits.
        var keywords = Terms.Keywords(question);
        var query = keywords.Length == 0 ? question : keywords;
        var response = await retriever.SearchAsync(new SearchRequest(query, collection, top, Documents: documentIds.Count == 0 ? null : documentIds), cancellationToken);
        return response.Hits;
    }

    /// <summary>
    /// Map: every chunk of the documents (of the named section, when the question names one) is scored by its best
    /// sentence; the best <paramref name="keep"/> chunks go on to the reduce step. Summary questions use the
    /// documents' most characteristic terms instead of the question's.
    /// </summary>
    private async Task<(IReadOnlyList<SearchHit> Evidence, IReadOnlyList<string>? Query)> MapAsync(
        string collection, IReadOnlyList<Guid> documentIds, string question, int keep, CancellationToken cancellationToken)
    {
        var hits = new List<SearchHit>();
        foreach (var documentId in documentIds)
        {
            var info = await store.GetDocumentAsync(documentId, cancellationToken);
            if (info is null || info.Collection != collection || info.State != DocumentState.Indexed)
            {
                throw new NotFoundException($"No indexed document {documentId} in collection '{collection}'.");
            }

            var chunks = await _documents.ChunksAsync(info, cancellationToken);
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

            hits.AddRange(chunks.Select(c => ToHit(c, info)));
        }

        IReadOnlyList<string>? query = null;
        if (IsSummaryQuestion(question))
        {
            query = [.. hits.SelectMany(h => Terms.Tokenize(h.Text)).GroupBy(t => t, StringComparer.Ordinal)
                .OrderByDescending(g => g.Count()).Take(30).Select(g => g.Key)];
        }

        var terms = (query ?? Terms.Tokenize(question)).Distinct(StringComparer.Ordinal).ToList();
        var bestPerHit = HitRelevance.BestSentencePerHit(terms, hits);

        var kept = Enumerable.Range(0, hits.Count).OrderByDescending(i => bestPerHit[i]).ThenBy(i => i).Take(keep)
            .Select(i => hits[i] with { Score = bestPerHit[i] }).ToList();
        return (kept, query);
    }

    /// <summary>The structure of every document the evidence comes from (headings, title block, references).</summary>
    private async Task<IReadOnlyDictionary<Guid, DocumentProfile>> ProfilesAsync(
        IReadOnlyList<SearchHit> evidence, List<DocumentInfo> indexed, CancellationToken cancellationToken)
    {
        using var activity = RagActivity.Source.StartActivity("ask-profiles");
        var profiles = new Dictionary<Guid, DocumentProfile>();
        foreach (var id in evidence.Select(h => h.DocumentId).Distinct())
        {
            // The record read at the start of this ask names the version; a document indexed since then is read as is.
            var profile = indexed.Find(d => d.Id == id) is { } version ? await _documents.ProfileAsync(version, cancellationToken)
                : await store.GetStoredDocumentAsync(id, cancellationToken) is { } stored ? DocumentProfile.From(stored) : null;
            if (profile is not null)
            {
                profiles[id] = profile;
            }
        }

        return profiles;
    }

    /// <summary>
    /// A question about a whole document ("what is this paper about?") is answered from its abstract or summary
    /// section. The document is the one named or passed, the collection's only one, else the best match of the
    /// question's other words, else (no other words: "this paper") the most recently indexed one of the kind asked for.
    /// Null when that document has no such section.
    /// </summary>
    private async Task<(IReadOnlyList<SearchHit> Evidence, IReadOnlyDictionary<Guid, DocumentProfile> Profiles)?> SummaryEvidenceAsync(
        string question, Guid? documentId, List<DocumentInfo> indexed, CancellationToken cancellationToken)
    {
        using var activity = RagActivity.Source.StartActivity("ask-summary");
        var target = documentId ?? (indexed.Count == 1 ? indexed[0].Id : null);
        if (target is null && indexed.Count > 1)
        {
            var keywords = Terms.Keywords(AboutWords().Replace(question, " "));
            if (keywords.Length > 0)
            {
                var hits = await retriever.SearchAsync(new SearchRequest(keywords, indexed[0].Collection, 1), cancellationToken);
                target = hits.Hits.Count > 0 ? hits.Hits[0].DocumentId : null;
            }
            else
            {
                // "this paper" with several in the collection: the most recently indexed one that has a summary.
                var papers = PaperWords().IsMatch(question) ? indexed.Where(d => d.Authors.Count > 0).ToList() : indexed;
                foreach (var candidate in (papers.Count > 0 ? papers : indexed).OrderByDescending(d => d.UpdatedAt).Take(MaxSummaryCandidates))
                {
                    if (await _documents.ProfileAsync(candidate, cancellationToken) is { Summary.Length: > 0 })
                    {
                        target = candidate.Id;
                        break;
                    }
                }
            }
        }

        if (target is null)
        {
            return null;
        }

        // A scoped document outside the indexed list (not yet Indexed) is read from the database as it is.
        var version = indexed.Find(d => d.Id == target.Value);
        var stored = version is null ? await store.GetStoredDocumentAsync(target.Value, cancellationToken) : await _documents.GetAsync(version, cancellationToken);
        if (stored is null)
        {
            return null;
        }

        var profile = version is null ? DocumentProfile.From(stored) : (await _documents.ProfileAsync(version, cancellationToken))!;
        if (profile.Summary is not { Length: > 0 } range)
        {
            return null;
        }

        var chunks = version is null ? await store.GetChunksAsync(target.Value, cancellationToken) : await _documents.ChunksAsync(version, cancellationToken);
        var first = chunks.Where(c => c.CharEnd > range.Start).OrderBy(c => c.CharStart).FirstOrDefault() ?? (chunks.Count > 0 ? chunks[0] : null);
        if (first is null)
        {
            return null;
        }

        // One passage holding exactly the summary's text: quotes taken from it are document spans.
        var hit = ToHit(first, stored.Info) with
        {
            CharStart = range.Start,
            CharEnd = range.End,
            Text = stored.Text[range.Start..range.End],
            PageStart = PageAt(stored, range.Start),
            PageEnd = PageAt(stored, Math.Max(range.Start, range.End - 1)),
            Section = "Abstract",
        };
        return ([hit], new Dictionary<Guid, DocumentProfile> { [profile.Id] = profile });
    }

    private static int PageAt(StoredDocument stored, int offset) =>
        stored.Pages.FirstOrDefault(p => offset >= p.CharStart && offset < p.CharEnd)?.Number ?? (stored.Pages.Count > 0 ? stored.Pages[^1].Number : 1);

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

    /// <summary>"What is this paper about?", "what are the main contributions", "summarize the document".</summary>
    internal static bool IsAboutQuestion(string question) => About().IsMatch(question);

    [GeneratedRegex(@"\bwhat\s+(is|are|was)\s+(this|the|that)\b.{0,80}\babout\b|\bwhat\s+does\s+(this|the)\b.{0,60}\b(propose|present|introduce|contribute)\b|\b(main|key)\s+(idea|contribution|point|finding|topic)s?\b|\bsummar(y|ize|ise)\b|\bgist\b|\babstract\b", RegexOptions.IgnoreCase)]
    private static partial Regex About();

    [GeneratedRegex(@"\b(what|is|are|was|this|the|that|about|does|propose|present|introduce|contribute|main|key|idea|contributions?|points?|findings?|topics?|summar(y|ize|ise)|gist|abstract|paper|article|study|document|give|me|of)\b", RegexOptions.IgnoreCase)]
    private static partial Regex AboutWords();

    [GeneratedRegex(@"\b(paper|article|study|preprint)\b", RegexOptions.IgnoreCase)]
    private static partial Regex PaperWords();

    private static bool IsSummaryQuestion(string question) => Summary().IsMatch(question);

    // "summarize" and "a summary of" ask for one; "How many expert-authored summaries ..." does not.
    [GeneratedRegex(@"\b(summari[sz]\w*|summary\s+of|overview|main points|gist|outline|list (all|every|each)|every|all the|each of the)\b", RegexOptions.IgnoreCase)]
    private static partial Regex WholeDocument();

    [GeneratedRegex(@"\b(summari[sz]\w*|summary\s+of|overview|main points|gist|outline)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Summary();

    [GeneratedRegex(@"\b(?:section|sec\.|§)\s*(\d+(?:\.\d+)*)", RegexOptions.IgnoreCase)]
    private static partial Regex SectionNumber();
}
