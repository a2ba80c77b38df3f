using Lucene.Net.Analysis.Standard;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Store;
using Lucene.Net.Util;
using RagPlatform.Search.Lexical;

namespace RagPlatform.Tests.Search;

/// <summary>Top tf x idf selection of a long query's terms (Bm25:MaxQueryTerms), on a real Lucene index in memory.</summary>
public sealed class QueryTermSelectionTests : IDisposable
{
    private readonly RAMDirectory _directory = new();
    private readonly DirectoryReader _reader;

    public QueryTermSelectionTests()
    {
        using (var writer = new IndexWriter(_directory, new IndexWriterConfig(LuceneVersion.LUCENE_48, new StandardAnalyzer(LuceneVersion.LUCENE_48))))
        {
            // "court" is in every document, "theft" in two, "perjury" in one.
            foreach (var text in new[] { "court theft perjury", "court theft", "court", "court appeal" })
            {
                writer.AddDocument([new TextField("text", text, Field.Store.NO)]);
            }
        }

        _reader = DirectoryReader.Open(_directory);
    }

    public void Dispose()
    {
        _reader.Dispose();
        _directory.Dispose();
    }

    [Fact]
    public void A_long_query_keeps_its_rarest_terms_in_their_order()
    {
        KeyValuePair<string, int>[] terms = [new("court", 1), new("perjury", 1), new("unseen", 1), new("theft", 1)];

        var kept = QueryTerms.SelectByIdf(terms, _reader, "text", 2);

        Assert.Equal(["perjury", "theft"], kept.Select(t => t.Key));
    }

    [Fact]
    public void A_repeated_term_weighs_by_its_count()
    {
        KeyValuePair<string, int>[] terms = [new("court", 40), new("perjury", 1), new("theft", 1)];

        var kept = QueryTerms.SelectByIdf(terms, _reader, "text", 2);

        // court's idf is small but not 0 (log(1 + 0.5/4.5)); forty of it outweigh one theft.
        Assert.Equal(["court", "perjury"], kept.Select(t => t.Key));
    }

    [Fact]
    public void A_short_query_or_no_limit_keeps_every_term()
    {
        KeyValuePair<string, int>[] terms = [new("court", 1), new("unseen", 1)];

        Assert.Same(terms, QueryTerms.SelectByIdf(terms, _reader, "text", 2));
        Assert.Same(terms, QueryTerms.SelectByIdf(terms, _reader, "text", 0));
    }
}
