using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using RagPlatform.Core.Retrieval;
using RagPlatform.Search.Stores;

namespace RagPlatform.Search.Lexical;

/// <summary>
/// The read side of the bm25 index: every search acquires the collection's reused searcher (SearcherManager) over the
/// last committed snapshot and releases it after; a collection without an index folder has no hits.
/// </summary>
internal sealed class LuceneSearcher(CollectionStores<CollectionIndex> stores, LegalAnalyzer analyzer, Similarity similarity, Bm25Options options, Func<string, bool> hasIndex)
{
    public IReadOnlyList<SearchHit> Search(string collection, string query, int top, bool explain, CancellationToken cancellationToken)
        => top <= 0 ? [] : WithSearcher(collection, query, [], (searcher, search) =>
        {
            if (search.Query is null)
            {
                return [];
            }

            var docs = searcher.Search(search.Query, top);
            return docs.ScoreDocs.Select(d => BuildHit(searcher, search, d.Doc, d.Score, explain)).ToList();
        }, cancellationToken);

    public IReadOnlyList<LexicalMatch> Match(string collection, string query, int top, CancellationToken cancellationToken)
        => top <= 0 ? [] : WithSearcher(collection, query, [], (searcher, search) =>
        {
            if (search.Query is null)
            {
                return [];
            }

            var docs = searcher.Search(search.Query, top);
            var ids = new ChunkIdReader(searcher);
            return docs.ScoreDocs.Select(d =>
            {
                var (chunkId, documentId) = ids.Read(d.Doc);
                return new LexicalMatch(chunkId, documentId, d.Score);
            }).ToList();
        }, cancellationToken);

    public IReadOnlyList<SearchHit> Fetch(string collection, string query, IReadOnlyList<string> chunkIds, bool explain, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chunkIds);
        return WithSearcher(collection, query, [], (searcher, search) =>
        {
            var hits = new List<SearchHit>(chunkIds.Count);
            foreach (var chunkId in chunkIds)
            {
                var found = searcher.Search(new TermQuery(new Term(LuceneFields.ChunkId, chunkId)), 1).ScoreDocs;
                if (found.Length == 1)
                {
                    hits.Add(BuildHit(searcher, search, found[0].Doc, null, explain));
                }
            }

            return hits;
        }, cancellationToken);
    }

    /// <summary>Live chunks per document, read from the newest commit (recovery compares them with the database).</summary>
    public IReadOnlyDictionary<Guid, int> ChunkCounts(string collection, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var counts = new Dictionary<Guid, int>();
        if (!hasIndex(collection))
        {
            return counts;
        }

        return stores.Read(collection, index =>
        {
            var searchers = index.Guard(() => index.GetSearchers(similarity));
            if (searchers is null)
            {
                return counts;
            }

            index.Guard(() => searchers.MaybeRefresh());
            var searcher = searchers.Acquire();
            try
            {
                // docFreq counts deleted documents until a merge; walking the postings with live docs is exact.
                var reader = searcher.IndexReader;
                var terms = MultiFields.GetTerms(reader, LuceneFields.DocumentId);
                if (terms is not null)
                {
                    var live = MultiFields.GetLiveDocs(reader);
                    var termsEnum = terms.GetEnumerator();
                    DocsEnum? docs = null;
                    while (termsEnum.MoveNext())
                    {
                        docs = termsEnum.Docs(live, docs, DocsFlags.NONE);
                        var n = 0;
                        while (docs.NextDoc() != DocIdSetIterator.NO_MORE_DOCS)
                        {
                            n++;
                        }

                        if (n > 0)
                        {
                            counts[Guid.ParseExact(termsEnum.Term.Utf8ToString(), "N")] = n;
                        }
                    }
                }
            }
            finally
            {
                searchers.Release(searcher);
            }

            return counts;
        });
    }

    private static SearchHit BuildHit(IndexSearcher searcher, AnalyzedQuery search, int doc, double? score, bool explain)
    {
        var stored = searcher.Doc(doc);
        var indexed = stored.Get(LuceneFields.Text) ?? string.Empty;
        var shift = Math.Clamp(stored.GetField(LuceneFields.TextOffset)?.GetInt32Value() ?? 0, 0, indexed.Length);
        var text = indexed[shift..];
        return new SearchHit
        {
            ChunkId = stored.Get(LuceneFields.ChunkId),
            DocumentId = Guid.ParseExact(stored.Get(LuceneFields.DocumentId), "N"),
            Title = stored.Get(LuceneFields.Title) ?? string.Empty,
            Source = stored.Get(LuceneFields.Source) ?? string.Empty,
            PageStart = stored.GetField(LuceneFields.PageStart)?.GetInt32Value() ?? 0,
            PageEnd = stored.GetField(LuceneFields.PageEnd)?.GetInt32Value() ?? 0,
            CharStart = stored.GetField(LuceneFields.CharStart)?.GetInt32Value() ?? 0,
            CharEnd = stored.GetField(LuceneFields.CharEnd)?.GetInt32Value() ?? 0,
            Section = stored.Get(LuceneFields.Section) ?? string.Empty,
            Text = text,
            Snippet = SnippetBuilder.Build(text, SnippetBuilder.Matches(searcher.IndexReader, doc, search.Terms, shift), search.SnippetChars),
            Score = score ?? 0,
            Scores = new HitScores { Bm25 = score },
            Explanation = explain && search.Query is not null ? searcher.Explain(search.Query, doc).ToString() : null,
        };
    }

    /// <summary>
    /// Runs <paramref name="search"/> on the collection's last committed snapshot with the analyzed query (whose Lucene
    /// query is null when it has no searchable term); returns <paramref name="none"/> when the collection has no index yet.
    /// </summary>
    private T WithSearcher<T>(string collection, string query, T none, Func<IndexSearcher, AnalyzedQuery, T> search, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (!hasIndex(collection))
        {
            return none;
        }

        var terms = QueryTerms.Analyze(analyzer, LuceneFields.Text, query ?? string.Empty);
        return stores.Read(collection, index =>
        {
            var searchers = index.Guard(() => index.GetSearchers(similarity));
            if (searchers is null)
            {
                return none;
            }

            var searcher = searchers.Acquire();
            try
            {
                // A long query (a fact pattern) keeps only its most distinctive terms: its many common words add noise
                // and cost to BM25 (measured on aila-statutes-dev, docs/decisions/0006-fusion.md).
                var kept = QueryTerms.SelectByIdf(terms, searcher.IndexReader, LuceneFields.Text, options.MaxQueryTerms);
                var luceneQuery = QueryTerms.Build(kept, options.TitleBoost);
                var analyzed = new AnalyzedQuery(luceneQuery, kept.Select(t => t.Key).ToHashSet(StringComparer.Ordinal), options.SnippetChars);
                return index.Guard(() => search(searcher, analyzed));
            }
            finally
            {
                searchers.Release(searcher);
            }
        });
    }
}
