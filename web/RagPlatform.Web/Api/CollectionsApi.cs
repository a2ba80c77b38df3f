using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using RagPlatform.Core.Collections;
using RagPlatform.Core.Errors;
using RagPlatform.Core.Storage;
using RagPlatform.Web.Security;

namespace RagPlatform.Web.Api;

/// <summary>GET and POST /api/collections.</summary>
internal static class CollectionsApi
{
    public static IEndpointRouteBuilder MapCollectionsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/collections").WithTags("Collections");
        group.MapGet("/", ListAsync).RequireAuthorization(Roles.Reader);
        group.MapPost("/", CreateAsync).RequireAuthorization(Roles.Writer)
            .WithSummary("Create a collection")
            .WithDescription("201 with the new collection; 409 (ProblemDetails) when a collection of that name exists already.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    private static async Task<Ok<IEnumerable<CollectionInfo>>> ListAsync(IMetadataStore store, ClaimsPrincipal user, CancellationToken cancellationToken)
        => TypedResults.Ok(CollectionAccess.Visible(user, await store.ListCollectionsAsync(cancellationToken), c => c.Name));

    private static async Task<Created<CollectionInfo>> CreateAsync(
        CreateCollectionRequest request, IMetadataStore store, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var name = CollectionName.Validate(request.Name);
        CollectionAccess.Demand(user, name);

        if (await store.GetCollectionAsync(name, cancellationToken) is not null)
        {
            throw new ConflictException($"A collection named '{name}' exists already; GET /api/collections/{name}/documents lists it.");
        }

        var collection = await store.EnsureCollectionAsync(name, cancellationToken);
        return TypedResults.Created($"/api/collections/{name}/documents", collection);
    }

    internal sealed record CreateCollectionRequest(string? Name);
}
