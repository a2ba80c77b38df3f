using System.ComponentModel.DataAnnotations;

namespace RagPlatform.Core.Retrieval;

/// <summary>Search settings (section "Search").</summary>
public sealed class SearchOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Search";

    /// <summary>Hits returned when the request names no count.</summary>
    [Range(1, 1000)]
    public int DefaultTop { get; set; } = 10;

    /// <summary>Largest number of hits a request may ask for.</summary>
    [Range(1, 10000)]
    public int MaxTop { get; set; } = 1000;

    /// <summary>Longest accepted query, in characters; longer ones are refused with a clear error.</summary>
    [Range(16, 100000)]
    public int MaxQueryChars { get; set; } = 4000;

    /// <summary>Pipeline used when the request names none.</summary>
    [Required]
    public string DefaultPipeline { get; set; } = SearchPipeline.Bm25;
}
