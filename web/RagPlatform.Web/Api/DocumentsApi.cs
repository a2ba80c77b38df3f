using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.Options;
using RagPlatform.Core.Collections;
using RagPlatform.Core.Documents;
using RagPlatform.Core.Errors;
using RagPlatform.Core.Indexing;
using RagPlatform.Core.Jobs;
using RagPlatform.Core.Storage;
using RagPlatform.Core.Uploads;
using RagPlatform.Web.Collections;
using RagPlatform.Web.Errors;
using RagPlatform.Web.Hosting;
using RagPlatform.Web.Security;
using RagPlatform.Web.Workers;

namespace RagPlatform.Web.Api;

/// <summary>Upload, list, inspect and delete documents; serve their exact text spans and original files.</summary>
internal static class DocumentsApi
{
    private static readonly FileExtensionContentTypeProvider s_contentTypes = new();

    public static IEndpointRouteBuilder MapDocumentsApi(this IEndpointRouteBuilder app)
    {
        var collections = app.MapGroup("/api/collections/{collection}/documents").WithTags("Documents");
        // No antiforgery token: API clients cannot fetch one. Cross-site posts are refused by API keys (a form cannot send
        // X-Api-Key) or, with no key configured, by CrossSiteRequestGuard; the Blazor pages keep their antiforgery check.
        collections.MapPost("/", UploadAsync).RequireAuthorization(Roles.Writer).DisableAntiforgery()
            .WithMetadata(UploadEndpointMetadata.Instance)
            .WithSummary("Upload documents")
            .WithDescription("Multipart form with one or more files in the field 'files'. Stores them and queues an indexing job: 202 with "
                + "{ jobId, files }. Refused at once, before any job exists: an unsupported extension (415), an empty file or a name "
                + "given twice (400), a file over Ingestion:MaxFileBytes or a body over Limits:MaxUploadBytes (413).")
            .Accepts<IFormFileCollection>("multipart/form-data")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        collections.MapGet("/", ListAsync).RequireAuthorization(Roles.Reader)
            .WithSummary("List a collection's documents")
            .WithDescription("Each document with its state (Queued, Indexing, Indexed, Failed), page and chunk counts, warnings and error. 404 for an unknown collection.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        var documents = app.MapGroup("/api/documents/{id:guid}").WithTags("Documents");
        documents.MapGet("/", GetAsync).RequireAuthorization(Roles.Reader)
            .WithSummary("Get a document")
            .WithDescription("The document's metadata: title, source, state, pages, warnings, authors and date.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        documents.MapDelete("/", DeleteAsync).RequireAuthorization(Roles.Writer)
            .WithSummary("Delete a document")
            .WithDescription("Removes the document from the database, every index and the file store.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        documents.MapPost("/reindex", ReindexAsync).RequireAuthorization(Roles.Writer)
            .WithSummary("Re-index a document")
            .WithDescription("Queues a job that decodes, chunks and indexes the document again, even when its file is unchanged: from its "
                + "file when it was indexed from a folder, else from the stored original. 202 with { jobId }; the served version stays "
                + "until the new one is indexed. 409 when the file is gone.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        documents.MapGet("/text", TextAsync).RequireAuthorization(Roles.Reader)
            .WithSummary("Exact text of a span")
            .WithDescription("The document's normalized text between start and end (UTF-16 offsets, as in hits and citations). 400 for a span outside the text.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        documents.MapGet("/file", FileAsync).RequireAuthorization(Roles.Reader)
            .WithSummary("Original file")
            .WithDescription("The file as it was indexed (range requests supported), for the document viewer.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<Accepted<UploadAccepted>> UploadAsync(
        string collection, HttpRequest request, ClaimsPrincipal user, UploadStore uploads, IngestionPipeline pipeline,
        UploadQueue queue, JobSignal signal, IOptions<RequestLimitsOptions> limits,
        CancellationToken cancellationToken)
    {
        var name = CollectionName.Validate(collection);
        CollectionAccess.Demand(user, name);
        if (!request.HasFormContentType)
        {
            throw new InvalidRequestException("Send the files as multipart/form-data in the field 'files'.");
        }

        var files = (await ReadFormAsync(request, cancellationToken)).Files.GetFiles("files");
        if (files.Count == 0)
        {
            throw new InvalidRequestException("No files in the form field 'files'.");
        }

        if (files.Count > limits.Value.MaxUploadFiles)
        {
            throw new InvalidRequestException(
                $"The upload has {files.Count} files; at most {limits.Value.MaxUploadFiles} are allowed per request (Limits:MaxUploadFiles).");
        }

        var names = files.Select(f => UploadStore.ValidateName(f.FileName)).ToList();
        var duplicate = names.GroupBy(n => n, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidRequestException($"The file name '{duplicate.Key}' appears twice in one upload.");
        }

        CheckFiles(files, pipeline.Admission);
        var folder = await uploads.SaveAsync(files, cancellationToken);
        // Queued records and the job are Core's (UploadQueue); a job that ends without reaching a file gets its Queued
        // record turned Failed by the worker (UploadCompletion).
        var job = await queue.QueueAsync(name, folder, [.. files.Select(f => (f.FileName, f.Length))], cancellationToken);
        signal.Notify();
        return TypedResults.Accepted($"/api/jobs/{job.Id}", new UploadAccepted(job.Id, names));
    }

    /// <summary>Reads the multipart form, turning a malformed or oversized body into a clear 400 or 413.</summary>
    private static async Task<IFormCollection> ReadFormAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return await request.ReadFormAsync(cancellationToken);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw new PayloadTooLargeException(RequestBodyLimit.Of(request.HttpContext)?.Describe(request.ContentLength) ?? ex.Message);
        }
        catch (InvalidDataException ex) when (ex.Message.Contains("body length limit", StringComparison.OrdinalIgnoreCase))
        {
            throw new PayloadTooLargeException(RequestBodyLimit.Of(request.HttpContext)?.Describe(request.ContentLength) ?? ex.Message);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException && !request.HttpContext.RequestAborted.IsCancellationRequested)
        {
            throw new InvalidRequestException($"The multipart/form-data body could not be read: {ex.Message}", ex);
        }
    }

    /// <summary>
    /// Refuses at upload time what indexing would only fail later: a type no decoder reads (415), an empty file (400)
    /// and a file over Ingestion:MaxFileBytes (413).
    /// </summary>
    private static void CheckFiles(IReadOnlyList<IFormFile> files, FileAdmission admission)
    {
        var verdicts = files.Select(f => (File: f, Verdict: admission.Check(f.FileName, f.Length))).ToList();
        var unsupported = verdicts.Where(v => v.Verdict == FileVerdict.UnsupportedType).Select(v => v.File.FileName).ToList();
        if (unsupported.Count > 0)
        {
            throw new UnsupportedFileTypeException(
                $"Unsupported file type: {string.Join(", ", unsupported.Select(n => $"'{n}'"))}. Supported extensions: {string.Join(", ", admission.SupportedExtensions.Order(StringComparer.Ordinal))}.");
        }

        var empty = verdicts.FirstOrDefault(v => v.Verdict == FileVerdict.Empty).File;
        if (empty is not null)
        {
            throw new InvalidRequestException($"'{empty.FileName}' is empty (0 bytes); there is nothing to index.");
        }

        var tooLarge = verdicts.FirstOrDefault(v => v.Verdict == FileVerdict.TooLarge).File;
        if (tooLarge is not null)
        {
            throw new PayloadTooLargeException(
                $"'{tooLarge.FileName}' is {tooLarge.Length:N0} bytes, over the limit of {admission.MaxFileBytes:N0} bytes per file (Ingestion:MaxFileBytes).");
        }
    }

    private static async Task<Ok<IReadOnlyList<DocumentInfo>>> ListAsync(
        string collection, IMetadataStore store, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var name = CollectionName.Validate(collection);
        CollectionAccess.Demand(user, name);

        if (await store.GetCollectionAsync(name, cancellationToken) is null)
        {
            throw new NotFoundException($"No collection named '{name}'.");
        }

        return TypedResults.Ok(await store.ListDocumentsAsync(name, cancellationToken));
    }

    private static async Task<Ok<DocumentInfo>> GetAsync(Guid id, IMetadataStore store, ClaimsPrincipal user, CancellationToken cancellationToken)
        => TypedResults.Ok(await FindAsync(id, store, user, cancellationToken));

    private static async Task<NoContent> DeleteAsync(
        Guid id, IMetadataStore store, IngestionPipeline pipeline, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        await FindAsync(id, store, user, cancellationToken);
        await pipeline.DeleteDocumentAsync(id, cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Accepted<ReindexAccepted>> ReindexAsync(
        Guid id, IMetadataStore store, DocumentReindexer reindexer, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var job = await reindexer.ReindexAsync(await FindAsync(id, store, user, cancellationToken), cancellationToken);
        return TypedResults.Accepted($"/api/jobs/{job.Id}", new ReindexAccepted(job.Id));
    }

    private static async Task<Ok<SpanText>> TextAsync(
        Guid id, int? start, int? end, IMetadataStore store, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        await FindAsync(id, store, user, cancellationToken);
        var document = await store.GetStoredDocumentAsync(id, cancellationToken)
            ?? throw new NotFoundException($"Document {id} has no text yet (it is not indexed).");
        return TypedResults.Ok(SpanText.Of(id, document.Text, start ?? 0, end ?? document.Text.Length));
    }

    private static async Task<FileStreamHttpResult> FileAsync(
        Guid id, IMetadataStore store, FileStore files, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var document = await FindAsync(id, store, user, cancellationToken);
        var stream = files.Open(id) ?? throw new NotFoundException($"The original file of document {id} is not stored.");
        var fileName = Path.GetFileName(document.Source);
        var contentType = s_contentTypes.TryGetContentType(fileName, out var type) ? type : "application/octet-stream";
        return TypedResults.File(stream, contentType, fileName, enableRangeProcessing: true);
    }

    private static async Task<DocumentInfo> FindAsync(Guid id, IMetadataStore store, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var document = await store.GetDocumentAsync(id, cancellationToken);
        return document is not null && CollectionAccess.Allows(user, document.Collection)
            ? document
            : throw new NotFoundException($"No document {id}.");
    }

    internal sealed record UploadAccepted(Guid JobId, IReadOnlyList<string> Files);

    internal sealed record ReindexAccepted(Guid JobId);

}
