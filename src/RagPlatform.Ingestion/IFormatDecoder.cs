using RagPlatform.Core.Documents;

namespace RagPlatform.Ingestion;

/// <summary>One file format's decoder; <see cref="DocumentDecoder"/> picks one by extension.</summary>
internal interface IFormatDecoder
{
    IReadOnlyCollection<string> Extensions { get; }

    DocumentText Decode(byte[] content, CancellationToken cancellationToken);
}
