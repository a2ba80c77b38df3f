using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using RagPlatform.Core.Errors;
using RagPlatform.Core.Storage;
using RagPlatform.Core.Trees;
using RagPlatform.Web.Security;

namespace RagPlatform.Web.Api;

/// <summary>A document's summary tree (MemWalker): levels, nodes, spans and summaries.</summary>
internal static class TreesApi
{
    public static IEndpointRouteBuilder MapTreesApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/documents/{id:guid}/tree", GetAsync).WithTags("Documents").RequireAuthorization(Roles.Reader)
            .WithSummary("Summary tree of a document")
            .WithDescription("The MemWalker tree: levels and nodes with parent, character and page spans and summary.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<Ok<DocumentTreeView>> GetAsync(Guid id, IMetadataStore store, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var document = await store.GetDocumentAsync(id, cancellationToken);
        if (document is null || !CollectionAccess.Allows(user, document.Collection))
        {
            throw new NotFoundException($"No document {id}.");
        }

        var tree = await store.GetTreeAsync(id, cancellationToken)
            ?? throw new NotFoundException($"Document {id} has no summary tree (it is not indexed yet, has no text, or trees are disabled).");
        return TypedResults.Ok(DocumentTreeView.From(tree));
    }
}
