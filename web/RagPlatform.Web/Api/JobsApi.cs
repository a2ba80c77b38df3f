using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using RagPlatform.Core.Collections;
using RagPlatform.Core.Errors;
using RagPlatform.Core.Jobs;
using RagPlatform.Core.Storage;
using RagPlatform.Web.Security;
using RagPlatform.Web.Workers;

namespace RagPlatform.Web.Api;

/// <summary>POST /api/jobs (admin: index a server-side folder), GET /api/jobs, GET /api/jobs/{id}.</summary>
internal static class JobsApi
{
    public static IEndpointRouteBuilder MapJobsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/jobs").WithTags("Jobs");
        group.MapPost("/", CreateAsync).RequireAuthorization(Roles.Admin)
            .WithSummary("Index a server-side folder")
            .WithDescription("Queues a job over { collection, path }; the path must lie under Jobs:Roots (relative paths resolve in the clone). 202 with { jobId }.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/", ListAsync).RequireAuthorization(Roles.Admin)
            .WithSummary("List jobs")
            .WithDescription("Batch and upload jobs, newest first, with state, counts and per-file errors.");
        group.MapGet("/{id:guid}", GetAsync).RequireAuthorization(Roles.Reader)
            .WithSummary("Get a job")
            .WithDescription("State (Queued, Running, Succeeded, PartiallyFailed, Failed, Cancelled), files processed, added, updated, unchanged, failed, per-file errors.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<Accepted<JobAccepted>> CreateAsync(
        CreateJobRequest request, ClaimsPrincipal user, JobPathPolicy paths, JobRunner runner, JobSignal signal, CancellationToken cancellationToken)
    {
        var collection = CollectionName.Validate(request.Collection);
        // Like the other routes that name a collection: 403 when the key does not cover it.
        CollectionAccess.Demand(user, collection);
        if (string.IsNullOrWhiteSpace(request.Path))
        {
            throw new InvalidRequestException("The job needs a 'path' on the server.");
        }

        // Checked before existence, so a caller cannot probe the file system outside the roots. A relative path means the
        // same folder as a relative setting does (the repository root of a clone), never the server's working directory.
        var path = paths.Authorize(SettingsPaths.Resolve(request.Path));
        if (!Directory.Exists(path) && !File.Exists(path))
        {
            throw new InvalidRequestException($"No such file or folder on the server: {request.Path}");
        }

        // The job indexes the link-free path that was checked, not the one given.
        var job = await runner.EnqueueAsync(collection, path, isUpload: false, request.Prune ?? false, cancellationToken);
        signal.Notify();
        return TypedResults.Accepted($"/api/jobs/{job.Id}", new JobAccepted(job.Id));
    }

    private static async Task<Ok<IReadOnlyList<JobInfo>>> ListAsync(IMetadataStore store, ClaimsPrincipal user, int? limit, CancellationToken cancellationToken)
    {
        var count = Math.Clamp(limit ?? 100, 1, 1000);
        if (CollectionAccess.AllowsAll(user))
        {
            return TypedResults.Ok(await store.ListJobsAsync(count, cancellationToken));
        }

        // A key scoped to some collections sees only their jobs; filter first, then take the newest.
        var jobs = await store.ListJobsAsync(int.MaxValue, cancellationToken);
        return TypedResults.Ok<IReadOnlyList<JobInfo>>([.. CollectionAccess.Visible(user, jobs, j => j.Collection).Take(count)]);
    }

    private static async Task<Ok<JobInfo>> GetAsync(Guid id, IMetadataStore store, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var job = await store.GetJobAsync(id, cancellationToken);
        // A job of a collection the key does not cover is reported as missing, not as forbidden.
        return job is not null && CollectionAccess.Allows(user, job.Collection)
            ? TypedResults.Ok(job)
            : throw new NotFoundException($"No job {id}.");
    }

    internal sealed record CreateJobRequest(string? Collection, string? Path, bool? Prune);

    internal sealed record JobAccepted(Guid JobId);
}
