namespace RagPlatform.Core.Answering;

/// <summary>How one answer is composed from its evidence.</summary>
/// <param name="MaxSentences">Most sentences quoted.</param>
internal sealed record ComposeContext(int MaxSentences)
{
    /// <summary>The collection the evidence comes from (its stored sentence vectors are read); null when unknown.</summary>
    public string? Collection { get; init; }

    /// <summary>Replaces the question's terms (summaries of a whole document by its own characteristic terms).</summary>
    public IReadOnlyList<string>? QueryOverride { get; init; }

    /// <summary>The evidence is a document's abstract or summary: quote its opening statements in reading order.</summary>
    public bool Lead { get; init; }

    /// <summary>The evidence documents' structure (headings, title block, references), by document id.</summary>
    public IReadOnlyDictionary<Guid, DocumentProfile> Profiles { get; init; } = new Dictionary<Guid, DocumentProfile>();

    /// <summary>Question terms that named the document the evidence comes from: they select it, they are not asked about.</summary>
    public IReadOnlyCollection<string> NameTerms { get; init; } = [];
}
