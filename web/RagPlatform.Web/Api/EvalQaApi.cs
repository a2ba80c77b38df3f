using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using RagPlatform.Core.Answering;
using RagPlatform.Core.Collections;
using RagPlatform.Core.Evaluation.Qa;
using RagPlatform.Core.Retrieval;
using RagPlatform.Core.Storage;
using RagPlatform.Onnx;
using RagPlatform.Web.Security;

namespace RagPlatform.Web.Api;

/// <summary>
/// POST /api/eval-qa?collection=C&amp;strategy=S (admin): runs a question set, the same as
/// <c>ragp eval-qa --questions</c> over an existing collection. The body is the question file's JSONL lines or a JSON
/// array of the same objects; lines that name no collection use <c>collection</c>. Returns the QaReport.
/// </summary>
internal static class EvalQaApi
{
    public static IEndpointRouteBuilder MapEvalQaApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/eval-qa", EvaluateAsync).WithTags("Evaluation").RequireAuthorization(Roles.Admin)
            .WithSummary("Score a question set")
            .WithDescription("Asks every question of a JSONL question set (eval/README.md) against a collection and returns the QaReport.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .Accepts<string>("application/x-ndjson", "application/json", "text/plain");
        return app;
    }

    private static async Task<Ok<QaReport>> EvaluateAsync(
        HttpRequest request,
        string? collection,
        string? strategy,
        ClaimsPrincipal user,
        Answerer answerer,
        Retriever retriever,
        IMetadataStore store,
        IOptions<AnswerOptions> options,
        IOptions<EmbeddingOptions> embedding,
        TimeProvider time,
        IServiceProvider services,
        CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(request.Body);
        var items = QuestionSetLoader.Parse(await reader.ReadToEndAsync(cancellationToken), "the request body");
        var defaultCollection = collection is null ? null : CollectionName.Validate(collection);
        foreach (var name in items.Select(i => i.Collection ?? defaultCollection).OfType<string>().Distinct(StringComparer.Ordinal))
        {
            CollectionAccess.Demand(user, CollectionName.Validate(name));
        }

        var embedder = services.GetService<IEmbeddingGenerator<string, Embedding<float>>>() is null ? null : embedding.Value.Model;
        var report = await new QuestionSetEvaluator(answerer, retriever, store, options, time)
            .EvaluateAsync("request", AnswerStrategy.Parse(strategy), items, defaultCollection, embedder, progress: null, cancellationToken);
        return TypedResults.Ok(report);
    }
}
