using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using RagPlatform.Core.Answering.History;
using RagPlatform.Core.Collections;
using RagPlatform.Core.Errors;
using RagPlatform.Web.Answers;
using RagPlatform.Web.Security;

namespace RagPlatform.Web.Api;

/// <summary>
/// The history of answered questions per collection: list (newest first), one answer, its export as Markdown or DOCX,
/// and delete. An answer of a collection the key does not cover is answered 404, as documents are.
/// </summary>
internal static class AnswersApi
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 200;

    public static IEndpointRouteBuilder MapAnswersApi(this IEndpointRouteBuilder app)
    {
        var answers = app.MapGroup("/api/answers").WithTags("Answers");
        answers.MapGet("", ListAsync).RequireAuthorization(Roles.Reader)
            .WithSummary("Answer history of a collection")
            .WithDescription("Answers given in the collection, newest first.");
        answers.MapGet("/{id:guid}", GetAsync).RequireAuthorization(Roles.Reader)
            .WithSummary("A stored answer")
            .ProducesProblem(StatusCodes.Status404NotFound);
        answers.MapGet("/{id:guid}/export", ExportAsync).RequireAuthorization(Roles.Reader)
            .WithSummary("Export a stored answer")
            .WithDescription("The answer with its citations as Markdown or DOCX.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        answers.MapDelete("/{id:guid}", DeleteAsync).RequireAuthorization(Roles.Writer)
            .WithSummary("Delete a stored answer")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<Ok<IReadOnlyList<AnswerSummary>>> ListAsync(
        string? collection, int? limit, IAnswerHistory history, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var name = CollectionName.Validate(collection);
        CollectionAccess.Demand(user, name);
        var count = limit ?? DefaultLimit;
        if (count is < 1 or > MaxLimit)
        {
            throw new InvalidRequestException($"limit must be between 1 and {MaxLimit}; got {count}.");
        }

        return TypedResults.Ok(await history.ListAsync(name, count, cancellationToken));
    }

    private static async Task<Ok<StoredAnswer>> GetAsync(Guid id, IAnswerHistory history, ClaimsPrincipal user, CancellationToken cancellationToken)
        => TypedResults.Ok(await FindAsync(id, history, user, cancellationToken));

    private static async Task<FileContentHttpResult> ExportAsync(
        Guid id, string? format, IAnswerHistory history, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var kind = (format ?? "md").Trim().ToLowerInvariant();
        if (kind is not ("md" or "docx"))
        {
            throw new InvalidRequestException($"Unknown export format '{format}'. Use md or docx.");
        }

        var answer = await FindAsync(id, history, user, cancellationToken);
        return kind == "md"
            ? TypedResults.File(Encoding.UTF8.GetBytes(MarkdownExport.Write(answer)), MarkdownExport.ContentType, $"answer-{id}.md")
            : TypedResults.File(DocxExport.Write(answer), DocxExport.ContentType, $"answer-{id}.docx");
    }

    private static async Task<NoContent> DeleteAsync(Guid id, IAnswerHistory history, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        await FindAsync(id, history, user, cancellationToken);
        await history.DeleteAsync(id, cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<StoredAnswer> FindAsync(Guid id, IAnswerHistory history, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var answer = await history.GetAsync(id, cancellationToken);
        return answer is not null && CollectionAccess.Allows(user, answer.Collection)
            ? answer
            : throw new NotFoundException($"No answer {id}.");
    }
}
