namespace RagPlatform.Core.Indexing;

/// <summary>What <see cref="FileAdmission"/> says of a file before anything reads it.</summary>
public enum FileVerdict
{
    /// <summary>The file may be indexed.</summary>
    Admitted,

    /// <summary>No decoder reads its extension.</summary>
    UnsupportedType,

    /// <summary>It has no bytes.</summary>
    Empty,

    /// <summary>It is over Ingestion:MaxFileBytes.</summary>
    TooLarge,
}
