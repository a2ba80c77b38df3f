using Microsoft.AspNetCore.HostFiltering;
using Microsoft.Extensions.Options;

namespace RagPlatform.Web.Security;

/// <summary>
/// Host filtering against DNS rebinding: a page on attacker.example whose name is re-pointed at 127.0.0.1 reaches the
/// server with "Host: attacker.example". On an open server (no key, admin or OpenID Connect configured) it answers only to
/// loopback names, even when AllowedHosts is "*"; otherwise AllowedHosts (appsettings.json) is taken as configured.
/// </summary>
internal static class LoopbackHosts
{
    public static readonly IReadOnlyList<string> Names = ["localhost", "127.0.0.1", "[::1]"];

    public static IServiceCollection AddRagHostFiltering(this IServiceCollection services)
    {
        // Runs after the web host's own PostConfigure, which fills AllowedHosts from configuration ("*" when unset).
        services.AddOptions<HostFilteringOptions>().PostConfigure<IOptions<ApiKeyOptions>>((hosts, keys) =>
        {
            if (keys.Value.Open && (hosts.AllowedHosts.Count == 0 || hosts.AllowedHosts.Contains("*")))
            {
                hosts.AllowedHosts = [.. Names];
            }
        });
        return services;
    }
}
