using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using RagPlatform.Core.Indexing;
using RagPlatform.Web.Errors;

namespace RagPlatform.Web.Hosting;

/// <summary>
/// Gives every /api request the body limit its route should have (Kestrel's own default is 30,000,000 bytes whatever
/// the configuration says): the upload route Limits:MaxUploadBytes, derived from Ingestion:MaxFileBytes, every other
/// route Limits:MaxRequestBytes. A declared length over the limit is refused at once with a 413 naming the setting;
/// a chunked body is cut off by the server when it passes the limit.
/// </summary>
internal sealed class RequestBodyLimitMiddleware(RequestDelegate next, IOptions<RequestLimitsOptions> limits, IOptions<IngestionOptions> ingestion)
{
    public const string UploadSetting = $"{RequestLimitsOptions.SectionName}:{nameof(RequestLimitsOptions.MaxUploadBytes)}";
    public const string RequestSetting = $"{RequestLimitsOptions.SectionName}:{nameof(RequestLimitsOptions.MaxRequestBytes)}";

    public Task InvokeAsync(HttpContext context)
    {
        if (!context.Request.Path.StartsWithSegments("/api"))
        {
            return next(context);
        }

        var limit = context.GetEndpoint()?.Metadata.GetMetadata<UploadEndpointMetadata>() is not null
            ? new RequestBodyLimit(limits.Value.UploadBytes(ingestion.Value.MaxFileBytes), UploadSetting)
            : new RequestBodyLimit(limits.Value.MaxRequestBytes, RequestSetting);
        context.Items[typeof(RequestBodyLimit)] = limit;
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = limit.Bytes;
        }

        if (context.Request.ContentLength > limit.Bytes)
        {
            throw new PayloadTooLargeException(limit.Describe(context.Request.ContentLength));
        }

        return next(context);
    }
}
