using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace RagPlatform.Web.Hosting;

/// <summary>
/// Completes the OpenAPI document: the <c>X-Api-Key</c> security scheme, a security requirement on every operation that
/// needs a key, and the ProblemDetails answers every such operation may give (401 no or unknown key, 403 role or
/// collection not covered), so Scalar shows how to authenticate and what errors look like.
/// </summary>
internal sealed class OperationDocs : IOpenApiDocumentTransformer, IOpenApiOperationTransformer
{
    public const string SchemeName = "ApiKey";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info.Title = "RagPlatform API";
        document.Info.Description = "Retrieval-augmented QA over long legal and scientific documents: collections, uploads and jobs, "
            + "ranked passages with per-stage scores, answers whose citations quote the exact span. Errors are RFC 7807 ProblemDetails. "
            + "With Auth:Keys configured every route but /api/health needs the header X-Api-Key; with none the server listens on loopback only.";
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[SchemeName] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = "X-Api-Key",
            Description = "A key from Auth:Keys; its role (reader, writer, admin) and collections decide what it may do. Not needed when no key is configured.",
        };
        return Task.CompletedTask;
    }

    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        if (metadata.OfType<IAllowAnonymous>().Any() || !metadata.OfType<IAuthorizeData>().Any())
        {
            return;
        }

        operation.Security ??= [];
        operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SchemeName, context.Document)] = [] });
        var problem = await context.GetOrCreateSchemaAsync(typeof(ProblemDetails), null, cancellationToken);
        operation.Responses ??= [];
        AddProblem(operation.Responses, "401", "No X-Api-Key header, or a key that is not configured.", problem);
        AddProblem(operation.Responses, "403", "The key's role or collections do not cover this request.", problem);
    }

    private static void AddProblem(OpenApiResponses responses, string status, string description, IOpenApiSchema schema)
    {
        responses.TryAdd(status, new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType> { ["application/problem+json"] = new() { Schema = schema } },
        });
    }
}
