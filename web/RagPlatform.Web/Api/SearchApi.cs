using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using RagPlatform.Core.Collections;
using RagPlatform.Core.Retrieval;
using RagPlatform.Web.Hosting;
using RagPlatform.Web.Security;

namespace RagPlatform.Web.Api;

/// <summary>GET /api/search, and POST /api/search for queries too long for a URL (fact patterns up to Search:MaxQueryChars).</summary>
internal static class SearchApi
{
    public static IEndpointRouteBuilder MapSearchApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/search", SearchAsync).WithTags("Search").RequireAuthorization(Roles.Reader).RequireRateLimiting(QueryAdmission.SearchPolicy)
            .WithSummary("Search a collection")
            .WithDescription("Ranked passages for q (up to Search:MaxQueryChars, 32,000 by default: whole fact patterns are accepted) with page range, section, exact span, a highlighted snippet and per-stage scores. pipeline: bm25, dense, hybrid or hybrid+rerank (default).")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        app.MapPost("/api/search", SearchBodyAsync).WithTags("Search").RequireAuthorization(Roles.Reader).RequireRateLimiting(QueryAdmission.SearchPolicy)
            .WithSummary("Search a collection (JSON body)")
            .WithDescription("The GET search with its parameters in a JSON body, for queries too long for a URL.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return app;
    }

    private static Task<Ok<SearchResponse>> SearchBodyAsync(
        SearchBody body, Retriever retriever, ClaimsPrincipal user, CancellationToken cancellationToken)
        => SearchAsync(body.Query ?? body.Q, body.Collection, body.Top, body.Pipeline, body.Explain, retriever, user, cancellationToken);

    private static async Task<Ok<SearchResponse>> SearchAsync(
        string? q, string? collection, int? top, string? pipeline, bool? explain,
        Retriever retriever, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var name = CollectionName.Validate(collection);
        CollectionAccess.Demand(user, name);

        var response = await retriever.SearchAsync(new SearchRequest(q ?? string.Empty, name, top, pipeline, explain ?? false), cancellationToken);
        return TypedResults.Ok(response);
    }

    /// <summary>The POST body: the GET parameters as JSON (<c>query</c>, or <c>q</c> as in the URL form).</summary>
    internal sealed record SearchBody(string? Query, string? Q, string? Collection, int? Top, string? Pipeline, bool? Explain);
}
