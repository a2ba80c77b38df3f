namespace RagPlatform.Web.Security;

/// <summary>API keys (section "Auth"). With no key, every request is trusted and the server stays on loopback.</summary>
internal sealed class ApiKeyOptions
{
    public const string SectionName = "Auth";

    public List<ApiKey> Keys { get; set; } = [];
}
