using Microsoft.Extensions.DependencyInjection;
using RagPlatform.Core.Indexing;
using RagPlatform.Ingestion.Chunking;
using RagPlatform.Ingestion.Docx;
using RagPlatform.Ingestion.Html;
using RagPlatform.Ingestion.Markdown;
using RagPlatform.Ingestion.Pdf;
using RagPlatform.Ingestion.PlainText;

namespace RagPlatform.Ingestion;

/// <summary>Registers the format decoders and the chunker.</summary>
public static class RagIngestionServiceCollectionExtensions
{
    /// <summary>Adds <see cref="IDocumentDecoder"/> (PDF, DOCX, HTML, Markdown, text) and <see cref="IChunker"/>.</summary>
    public static IServiceCollection AddRagIngestion(this IServiceCollection services)
    {
        services.AddSingleton<IFormatDecoder, PdfDecoder>();
        services.AddSingleton<IFormatDecoder, DocxDecoder>();
        services.AddSingleton<IFormatDecoder, HtmlDecoder>();
        services.AddSingleton<IFormatDecoder, MarkdownDecoder>();
        services.AddSingleton<IFormatDecoder, PlainTextDecoder>();
        services.AddSingleton<IDocumentDecoder, DocumentDecoder>();
        services.AddSingleton<IChunker, StructureAwareChunker>();
        return services;
    }
}
