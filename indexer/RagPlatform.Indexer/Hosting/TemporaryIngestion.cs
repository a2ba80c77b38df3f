using Microsoft.Extensions.DependencyInjection;
using RagPlatform.Core.Documents;
using RagPlatform.Core.Errors;
using RagPlatform.Core.Indexing;

namespace RagPlatform.Indexer.Hosting;

// TEMPORARY until the Ingestion branch is merged: a plain-text decoder and fixed-size chunker so the CLI runs.
internal static class TemporaryIngestion
{
    public static IServiceCollection AddRagIngestion(this IServiceCollection services)
    {
        services.AddSingleton<IDocumentDecoder, PlainDecoder>();
        services.AddSingleton<IChunker, FixedChunker>();
        return services;
    }

    private sealed class PlainDecoder : IDocumentDecoder
    {
        public IReadOnlyCollection<string> SupportedExtensions { get; } = [".txt", ".md", ".pdf"];

        public DocumentText Decode(byte[] content, string fileName, CancellationToken cancellationToken)
        {
            if (fileName.EndsWith(".pdf", StringComparison.OrdinalIgnoreCase) && !content.AsSpan().StartsWith("%PDF"u8))
            {
                throw new DocumentFormatException("not a PDF file");
            }

            var text = System.Text.Encoding.UTF8.GetString(content);
            return new DocumentText(text, [new PageSpan(1, 0, text.Length)], [], [], null);
        }
    }

    private sealed class FixedChunker : IChunker
    {
        public IReadOnlyList<Chunk> Split(Guid documentId, DocumentText text)
        {
            var chunks = new List<Chunk>();
            for (var start = 0; start < text.Text.Length; start += 500)
            {
                var end = Math.Min(text.Text.Length, start + 500);
                chunks.Add(new Chunk(Chunk.MakeId(documentId, chunks.Count), documentId, chunks.Count, start, end, 1, 1, string.Empty, text.Text[start..end]));
            }

            return chunks;
        }
    }
}
