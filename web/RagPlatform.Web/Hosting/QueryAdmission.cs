using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace RagPlatform.Web.Hosting;

/// <summary>
/// The two concurrency limiters behind the query routes, one for searches and one for asks, shared by every client
/// (the work is CPU-bound on one machine, so a per-client partition would not bound it). A singleton, so the limit
/// holds across requests and tests can see it.
/// </summary>
internal sealed class QueryAdmission : IDisposable
{
    public const string SearchPolicy = "search";
    public const string AskPolicy = "ask";

    private readonly ConcurrencyLimiter _search;
    private readonly ConcurrencyLimiter _ask;

    public QueryAdmission(IOptions<QueryLimitsOptions> options)
    {
        var limits = options.Value;
        _search = Create(limits.SearchPermits, limits.SearchQueue);
        _ask = Create(limits.AskPermits, limits.AskQueue);
        Search = new PinnedLimiter(_search);
        Ask = new PinnedLimiter(_ask);
    }

    /// <summary>Admits searches.</summary>
    public RateLimiter Search { get; }

    /// <summary>Admits asks; a streamed ask holds its permit until its last event is written.</summary>
    public RateLimiter Ask { get; }

    public void Dispose()
    {
        Search.Dispose();
        Ask.Dispose();
        _search.Dispose();
        _ask.Dispose();
    }

    private static ConcurrencyLimiter Create(int permits, int queue) => new(new ConcurrencyLimiterOptions
    {
        PermitLimit = permits,
        QueueLimit = queue,
        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
    });
}
