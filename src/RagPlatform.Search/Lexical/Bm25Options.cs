using System.ComponentModel.DataAnnotations;

namespace RagPlatform.Search.Lexical;

/// <summary>BM25 parameters (section "Bm25"). The defaults are Anserini's, used for the published BEIR BM25 baselines.</summary>
public sealed class Bm25Options
{
    public const string SectionName = "Bm25";

    [Range(0.0, 10.0)]
    public float K1 { get; set; } = 0.9f;

    [Range(0.0, 1.0)]
    public float B { get; set; } = 0.4f;

    /// <summary>Extra weight of an exact-phrase match for short queries (citations, clause names); 0 disables it.</summary>
    [Range(0.0, 10.0)]
    public float PhraseBoost { get; set; } = 1.0f;

    /// <summary>Queries of at most this many terms also get the phrase clause.</summary>
    [Range(0, 64)]
    public int PhraseMaxTerms { get; set; } = 8;
}
