using System.Threading.RateLimiting;

namespace RagPlatform.Web.Hosting;

/// <summary>
/// A limiter that the rate-limiting middleware never finds idle: it disposes idle partition limiters and asks the
/// factory for new ones, which would hand out a disposed shared limiter. Disposal is left to its owner.
/// </summary>
internal sealed class PinnedLimiter(RateLimiter inner) : RateLimiter
{
    public override TimeSpan? IdleDuration => null;

    public override RateLimiterStatistics? GetStatistics() => inner.GetStatistics();

    protected override RateLimitLease AttemptAcquireCore(int permitCount) => inner.AttemptAcquire(permitCount);

    protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
        => inner.AcquireAsync(permitCount, cancellationToken);
}
