using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using RagPlatform.Core.Answering;
using RagPlatform.Core.Collections;
using RagPlatform.Core.Errors;
using RagPlatform.Web.Answers;
using RagPlatform.Web.Hosting;
using RagPlatform.Web.Security;

namespace RagPlatform.Web.Api;

/// <summary>
/// POST /api/ask: an Answer with verified citations; with Accept: text/event-stream the answer streams as server-sent
/// events ("delta" events with text, then one "answer" event with the full Answer). A client that disconnects cancels
/// the work through the request's cancellation token. Every answer is kept in the history (<see cref="AnswersApi"/>)
/// and carries its id.
/// </summary>
internal static class AskApi
{
    public static IEndpointRouteBuilder MapAskApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/ask", AskAsync).WithTags("Ask").RequireAuthorization(Roles.Reader).RequireRateLimiting(QueryAdmission.AskPolicy)
            .WithSummary("Ask a question")
            .WithDescription("An Answer whose [n] markers cite verbatim quotes with page and character span, or an explicit abstention. With Accept: text/event-stream it streams: delta events with text, then one answer event with the full Answer.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return app;
    }

    private static async Task<Results<Ok<Answer>, EmptyHttpResult>> AskAsync(
        AskBody body, HttpContext http, Answerer answerer, AnswerRecorder recorder, ClaimsPrincipal user, IOptions<JsonOptions> json, CancellationToken cancellationToken)
    {
        var collection = CollectionName.Validate(body.Collection);
        CollectionAccess.Demand(user, collection);

        if (string.IsNullOrWhiteSpace(body.Question))
        {
            throw new InvalidRequestException("The question is empty.");
        }

        var request = new AskRequest(body.Question, collection, body.Top, body.Strategy, body.DocumentId, body.DocumentIds);
        var wantsStream = http.Request.Headers.Accept.Any(a => a?.Contains("text/event-stream", StringComparison.OrdinalIgnoreCase) == true);
        if (!wantsStream)
        {
            return TypedResults.Ok(await recorder.RecordAsync(request, await answerer.AskAsync(request, cancellationToken), cancellationToken));
        }

        await StreamAsync(http.Response, recorder.RecordAsync(request, answerer.StreamAsync(request, cancellationToken), cancellationToken), json.Value.SerializerOptions, cancellationToken);
        return TypedResults.Empty;
    }

    private static async Task StreamAsync(HttpResponse response, IAsyncEnumerable<AnswerUpdate> updates, JsonSerializerOptions options, CancellationToken cancellationToken)
    {
        // Validation errors surface before the first update, so they still become ProblemDetails.
        await using var enumerator = updates.GetAsyncEnumerator(cancellationToken);
        var hasFirst = await enumerator.MoveNextAsync();
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        if (!hasFirst)
        {
            return;
        }

        do
        {
            var update = enumerator.Current;
            var (name, payload) = update.Answer is { } answer
                ? ("answer", JsonSerializer.Serialize(answer, options))
                : ("delta", JsonSerializer.Serialize(new { text = update.Delta }, options));
            await response.WriteAsync($"event: {name}\ndata: {payload}\n\n", cancellationToken);
            await response.Body.FlushAsync(cancellationToken);
        }
        while (await enumerator.MoveNextAsync());
    }

    internal sealed record AskBody(string? Question, string? Collection, int? Top, string? Strategy, Guid? DocumentId, IReadOnlyList<Guid>? DocumentIds);
}
