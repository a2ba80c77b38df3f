using System.ComponentModel.DataAnnotations;

namespace RagPlatform.Search.Lexical;

/// <summary>BM25 settings (section "Bm25").</summary>
public sealed class Bm25Options
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Bm25";

    /// <summary>Term-frequency saturation. 0.9 is Anserini's/Pyserini's default, measured on BEIR.</summary>
    [Range(0.0, 10.0)]
    public float K1 { get; set; } = 0.9f;

    /// <summary>Length normalization. 0.4 is Anserini's/Pyserini's default.</summary>
    [Range(0.0, 1.0)]
    public float B { get; set; } = 0.4f;

    /// <summary>Boost of the title field; 0 searches the chunk text only.</summary>
    [Range(0.0, 10.0)]
    public float TitleBoost { get; set; } = 1.0f;

    /// <summary>Characters of a snippet.</summary>
    [Range(40, 2000)]
    public int SnippetChars { get; set; } = 200;
}
