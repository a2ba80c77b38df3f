using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using RagPlatform.Core.Collections;
using RagPlatform.Core.Errors;
using RagPlatform.Core.Storage;
using RagPlatform.Web.Collections;
using RagPlatform.Web.Security;

namespace RagPlatform.Web.Api;

/// <summary>List, create, rename and delete collections.</summary>
internal static class CollectionsApi
{
    public static IEndpointRouteBuilder MapCollectionsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/collections").WithTags("Collections");
        group.MapGet("/", ListAsync).RequireAuthorization(Roles.Reader)
            .WithSummary("List collections")
            .WithDescription("Every collection the caller's key may read, by name, with its document count and creation time.");
        group.MapPost("/", CreateAsync).RequireAuthorization(Roles.Writer)
            .WithSummary("Create a collection")
            .WithDescription("201 with the new collection; 409 (ProblemDetails) when a collection of that name exists already.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapDelete("/{collection}", DeleteAsync).RequireAuthorization(Roles.Writer)
            .WithSummary("Delete a collection")
            .WithDescription("Removes the collection, every document in it (database, indexes, stored originals) and its answer history. "
                + "404 when it does not exist; 409 while one of its jobs is queued or running.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/{collection}/rename", RenameAsync).RequireAuthorization(Roles.Writer)
            .WithSummary("Rename a collection")
            .WithDescription("Moves the collection's documents, answer history and jobs to the new name and rewrites its indexes under it "
                + "(with embeddings on this re-embeds every chunk). 404 when it does not exist; 409 when the new name is taken "
                + "or one of its jobs is queued or running; 400 for an invalid name.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
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

    private static async Task<NoContent> DeleteAsync(string collection, CollectionAdmin admin, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        CollectionAccess.Demand(user, CollectionName.Validate(collection));
        await admin.DeleteAsync(collection, cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<CollectionInfo>> RenameAsync(
        string collection, RenameCollectionRequest request, CollectionAdmin admin, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        CollectionAccess.Demand(user, CollectionName.Validate(collection));
        CollectionAccess.Demand(user, CollectionName.Validate(request.Name));
        return TypedResults.Ok(await admin.RenameAsync(collection, request.Name, cancellationToken));
    }

    internal sealed record CreateCollectionRequest(string? Name);

    internal sealed record RenameCollectionRequest(string? Name);
}
