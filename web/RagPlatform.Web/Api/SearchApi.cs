using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using RagPlatform.Core.Collections;
using RagPlatform.Core.Retrieval;
using RagPlatform.Web.Security;

namespace RagPlatform.Web.Api;

/// <summary>GET /api/search.</summary>
internal static class SearchApi
{
    public static IEndpointRouteBuilder MapSearchApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/search", SearchAsync).WithTags("Search").RequireAuthorization(Roles.Reader);
        return app;
    }

    private static async Task<Ok<SearchResponse>> SearchAsync(
        string? q, string? collection, int? top, string? pipeline, bool? explain,
        Retriever retriever, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var name = CollectionName.Validate(collection);
        CollectionAccess.Demand(user, name);

        var response = await retriever.SearchAsync(new SearchRequest(q ?? string.Empty, name, top, pipeline, explain ?? false), cancellationToken);
        return TypedResults.Ok(response);
    }
}
