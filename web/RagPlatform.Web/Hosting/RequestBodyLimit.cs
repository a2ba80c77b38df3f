namespace RagPlatform.Web.Hosting;

/// <summary>The body limit that applies to the current request and the setting that sets it (kept in HttpContext.Items).</summary>
internal sealed record RequestBodyLimit(long Bytes, string Setting)
{
    public string Describe(long? actual) => actual is { } length
        ? $"The request body is {length:N0} bytes, over the limit of {Bytes:N0} bytes set by {Setting}."
        : $"The request body is over the limit of {Bytes:N0} bytes set by {Setting}.";

    public static RequestBodyLimit? Of(HttpContext context) => context.Items[typeof(RequestBodyLimit)] as RequestBodyLimit;
}
