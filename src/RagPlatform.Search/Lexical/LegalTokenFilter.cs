using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace RagPlatform.Search.Lexical;

/// <summary>
/// Marks legal tokens (anything with a digit or the section sign) as keywords so stemming leaves them alone, and
/// folds dotted abbreviations ("U.S.C.", "e.g.") to their letters ("USC", "eg").
/// </summary>
internal sealed class LegalTokenFilter : TokenFilter
{
    private readonly ICharTermAttribute _term;
    private readonly IKeywordAttribute _keyword;

    public LegalTokenFilter(TokenStream input)
        : base(input)
    {
        _term = AddAttribute<ICharTermAttribute>();
        _keyword = AddAttribute<IKeywordAttribute>();
    }

    public override bool IncrementToken()
    {
        if (!m_input.IncrementToken())
        {
            return false;
        }

        var buffer = _term.Buffer;
        var length = _term.Length;
        var hasDigit = false;
        var hasDot = false;
        var hasLetter = false;
        for (var i = 0; i < length; i++)
        {
            var c = buffer[i];
            hasDigit |= char.IsDigit(c) || c == '§';
            hasDot |= c == '.';
            hasLetter |= char.IsLetter(c);
        }

        if (hasDigit)
        {
            _keyword.IsKeyword = true;
        }
        else if (hasDot && hasLetter)
        {
            var folded = 0;
            for (var i = 0; i < length; i++)
            {
                if (buffer[i] != '.')
                {
                    buffer[folded++] = buffer[i];
                }
            }

            _term.Length = folded;
            _keyword.IsKeyword = true;
        }

        return true;
    }
}
