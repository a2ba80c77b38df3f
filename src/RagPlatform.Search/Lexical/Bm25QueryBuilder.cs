using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Index;
using Lucene.Net.Search;

namespace RagPlatform.Search.Lexical;

/// <summary>
/// Turns plain text into a BM25 query: analyzed terms as SHOULD clauses (never Lucene syntax, so no input can fail to
/// parse), de-duplicated and capped below the clause limit, plus an exact-phrase clause for short queries so a citation
/// such as "22 U.S.C. 1983" ranks the passage that has it in that order first.
/// </summary>
internal sealed class Bm25QueryBuilder(Analyzer analyzer, Bm25Options options)
{
    private const int MaxTerms = 1000;

    public Bm25Query? Build(string text)
    {
        var sequence = Analyze(analyzer, text);
        if (sequence.Count == 0)
        {
            return null;
        }

        var unique = new HashSet<string>(StringComparer.Ordinal);
        var query = new BooleanQuery();
        foreach (var (term, _) in sequence)
        {
            if (unique.Count >= MaxTerms)
            {
                break;
            }

            // A repeated term counts once, as Anserini's bag-of-words query does.
            if (unique.Add(term))
            {
                query.Add(new TermQuery(new Term(LuceneFields.Contents, term)), Occur.SHOULD);
            }
        }

        if (options.PhraseBoost > 0 && sequence.Count >= 2 && sequence.Count <= options.PhraseMaxTerms)
        {
            // Positions keep the gaps of removed stop words, so "terms of the agreement" matches as written.
            var phrase = new PhraseQuery { Slop = 1, Boost = options.PhraseBoost };
            foreach (var (term, position) in sequence)
            {
                phrase.Add(new Term(LuceneFields.Contents, term), position);
            }

            query.Add(phrase, Occur.SHOULD);
        }

        return new Bm25Query(query, unique);
    }

    /// <summary>The analyzed terms of <paramref name="text"/> with their positions, in order.</summary>
    public static List<(string Term, int Position)> Analyze(Analyzer analyzer, string text)
    {
        var terms = new List<(string, int)>();
        using var stream = analyzer.GetTokenStream(LuceneFields.Contents, text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        var increment = stream.AddAttribute<IPositionIncrementAttribute>();
        stream.Reset();
        var position = -1;
        while (stream.IncrementToken())
        {
            position += increment.PositionIncrement;
            terms.Add((term.ToString(), position));
        }

        stream.End();
        return terms;
    }
}
