using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace RagPlatform.Web.Hosting;

/// <summary>Wires <see cref="QueryAdmission"/> into ASP.NET Core rate limiting, with a 429 ProblemDetails and Retry-After beyond the queue.</summary>
internal static class QueryLimitsExtensions
{
    public static IServiceCollection AddRagQueryLimits(this IServiceCollection services)
    {
        services.AddOptions<QueryLimitsOptions>().BindConfiguration(QueryLimitsOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<QueryAdmission>();
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // One partition each: the factory hands the shared limiter to every request of the policy.
            o.AddPolicy(QueryAdmission.SearchPolicy, http => Shared(http, a => a.Search));
            o.AddPolicy(QueryAdmission.AskPolicy, http => Shared(http, a => a.Ask));
            o.OnRejected = RejectAsync;
        });
        return services;
    }

    private static RateLimitPartition<string> Shared(HttpContext http, Func<QueryAdmission, RateLimiter> pick)
    {
        var limiter = pick(http.RequestServices.GetRequiredService<QueryAdmission>());
        return RateLimitPartition.Get("all", _ => limiter);
    }

    private static async ValueTask RejectAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var http = context.HttpContext;
        var limits = http.RequestServices.GetRequiredService<IOptions<QueryLimitsOptions>>().Value;
        var search = http.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName == QueryAdmission.SearchPolicy;
        var (running, queued) = search ? (limits.SearchPermits, limits.SearchQueue) : (limits.AskPermits, limits.AskQueue);
        Log.QueryRejected(http.RequestServices.GetRequiredService<ILogger<QueryAdmission>>(), http.Request.Path.Value ?? string.Empty, running, queued);
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = limits.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        var problems = http.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails =
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many requests",
                Detail = $"The server is busy: {running} {(search ? "searches" : "asks")} are running and {queued} waiting (QueryLimits). Retry after {limits.RetryAfterSeconds} s.",
                Extensions = { ["transient"] = true },
            },
        });
    }
}
