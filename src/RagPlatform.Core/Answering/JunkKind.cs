namespace RagPlatform.Core.Answering;

/// <summary>Why a sentence is not fit to be an answer sentence (see <see cref="JunkSentence"/>).</summary>
public enum JunkKind
{
    /// <summary>A real sentence.</summary>
    None,

    /// <summary>Fewer than <see cref="JunkSentence.MinWords"/> words.</summary>
    Fragment,

    /// <summary>A bibliography entry ("[12] Author, ... 2019.", "Smith et al. 2020", "In Proceedings of ...").</summary>
    Reference,

    /// <summary>An author, affiliation or contact line (names, e-mail addresses, university and department lines).</summary>
    AuthorLine,

    /// <summary>A heading: short, no closing punctuation, and title case, no verb, or a numbering label.</summary>
    Heading,
}
