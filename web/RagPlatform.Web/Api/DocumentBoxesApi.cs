using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using RagPlatform.Core.Documents;
using RagPlatform.Core.Errors;
using RagPlatform.Core.Indexing;
using RagPlatform.Core.Storage;
using RagPlatform.Ingestion.Pdf;
using RagPlatform.Web.Security;

namespace RagPlatform.Web.Api;

/// <summary>
/// GET /api/documents/{id}/boxes?start=S&amp;end=E: the rectangles (PDF user space, per page) that cover a span of a PDF's
/// normalized text, from the PDF's own glyph positions. Boxes are computed once per file version and kept in a sidecar
/// file beside the stored original.
/// </summary>
internal static class DocumentBoxesApi
{
    public static IEndpointRouteBuilder MapDocumentBoxesApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/documents/{id:guid}/boxes", BoxesAsync).WithTags("Documents").RequireAuthorization(Roles.Reader)
            .WithSummary("Highlight boxes of a span")
            .WithDescription("Glyph rectangles per PDF page covering a character span, for drawing a citation's highlight over the page.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<Ok<SpanBoxes>> BoxesAsync(
        Guid id, int? start, int? end, IMetadataStore store, FileStore files, IOptions<IngestionOptions> ingestion, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var info = await store.GetDocumentAsync(id, cancellationToken);
        if (info is null || !CollectionAccess.Allows(user, info.Collection))
        {
            throw new NotFoundException($"No document {id}.");
        }

        if (!info.Source.EndsWith(".pdf", StringComparison.OrdinalIgnoreCase))
        {
            throw new NotFoundException($"Document {id} is not a PDF, so it has no glyph boxes; use /text for its spans.");
        }

        var document = await store.GetStoredDocumentAsync(id, cancellationToken)
            ?? throw new NotFoundException($"Document {id} has no text yet (it is not indexed).");
        var (from, to) = CharSpan.Within(start ?? 0, end ?? start ?? 0, document.Text.Length);

        var sidecar = files.SidecarPath(id, info.ContentHash);
        GlyphBox?[] boxes;
        if (File.Exists(sidecar))
        {
            boxes = GlyphBoxFile.Read(sidecar);
        }
        else
        {
            await using var stream = files.Open(id) ?? throw new NotFoundException($"The original file of document {id} is not stored.");
            using var buffer = new MemoryStream();
            await stream.CopyToAsync(buffer, cancellationToken);
            // Scanned pages are OCRed again here, with the settings they were decoded with, for their word boxes.
            boxes = PdfGlyphMapper.Map(buffer.ToArray(), document.Text, document.Pages, ingestion.Value.Ocr, cancellationToken);
            await GlyphBoxFile.WriteAsync(sidecar, boxes, cancellationToken);
        }

        return TypedResults.Ok(new SpanBoxes(id, from, to, GlyphRects.ForSpan(boxes, from, to)));
    }

    internal sealed record SpanBoxes(Guid DocumentId, int Start, int End, IReadOnlyList<PageRects> Pages);
}
