using Microsoft.Extensions.DependencyInjection;
using RagPlatform.Core.Indexing;
using RagPlatform.Ingestion.Chunking;
using RagPlatform.Ingestion.Decoding;
using RagPlatform.Ingestion.Docx;
using RagPlatform.Ingestion.Html;
using RagPlatform.Ingestion.Markdown;
using RagPlatform.Ingestion.Pdf;
using RagPlatform.Ingestion.Text;

namespace RagPlatform.Ingestion;

/// <summary>Registers the format decoders and the chunker.</summary>
public static class RagIngestionServiceCollectionExtensions
{
    /// <summary>
    /// Adds one <see cref="IDocumentDecoder"/> that dispatches by extension (PDF, DOCX, HTML, Markdown, text) and the
    /// structure-aware <see cref="IChunker"/>. Both read Core's <see cref="IngestionOptions"/>, bound by AddRagCore.
    /// </summary>
    public static IServiceCollection AddRagIngestion(this IServiceCollection services)
    {
        services.AddOptions<IngestionOptions>();
        services.AddSingleton<PdfDecoder>();
        services.AddSingleton<DocxDecoder>();
        services.AddSingleton<HtmlDecoder>();
        services.AddSingleton<MarkdownDecoder>();
        services.AddSingleton<PlainTextDecoder>();
        services.AddSingleton<IDocumentDecoder, DocumentDecoder>();
        services.AddSingleton<IChunker, SentenceChunker>();
        return services;
    }
}
