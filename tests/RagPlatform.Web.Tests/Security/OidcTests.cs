using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RagPlatform.Web.Tests.Api;

namespace RagPlatform.Web.Tests.Security;

/// <summary>
/// OpenID Connect is configuration only: with Auth:Oidc set, the sign-in page offers it and the challenge sends the
/// browser to the provider's authorize endpoint (code flow with PKCE); without it, no scheme and no button. The provider
/// is a loopback server that publishes its discovery document.
/// </summary>
public sealed class OidcTests
{
    [Fact]
    public async Task A_configured_provider_is_offered_and_challenged_with_the_code_flow()
    {
        await using var provider = await StartProviderAsync();
        using var factory = new RagWebFactory(TestAccounts.Settings(
            ("Auth:Oidc:Authority", provider.Url), ("Auth:Oidc:ClientId", "ragp-test"), ("Auth:Oidc:RequireHttpsMetadata", "false")));
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        Assert.Contains("data-testid=\"login-oidc\"", await client.GetStringAsync("/account/login"), StringComparison.Ordinal);
        using var challenge = await client.GetAsync("/account/external?returnUrl=%2Fsearch");
        Assert.Equal(HttpStatusCode.Redirect, challenge.StatusCode);
        var location = challenge.Headers.Location!;
        Assert.Equal(provider.Url + "/authorize", location.GetLeftPart(UriPartial.Path));
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(location.Query);
        Assert.Equal("ragp-test", query["client_id"]);
        Assert.Equal("code", query["response_type"]);
        Assert.Equal("S256", query["code_challenge_method"]);
        Assert.EndsWith("/account/oidc-callback", query["redirect_uri"].ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_configuration_there_is_no_provider_to_sign_in_with()
    {
        using var factory = new RagWebFactory(TestAccounts.Settings());
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        Assert.DoesNotContain("login-oidc", await client.GetStringAsync("/account/login"), StringComparison.Ordinal);
        using var challenge = await client.GetAsync("/account/external");
        Assert.Equal(HttpStatusCode.Forbidden, challenge.StatusCode);
    }

    [Fact]
    public async Task Signing_out_needs_the_form_s_antiforgery_token()
    {
        using var factory = new RagWebFactory(TestAccounts.Settings());
        using var admin = await TestAccounts.SignedInAsync(factory, TestAccounts.AdminEmail);
        using var forged = await admin.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string> { ["returnUrl"] = "/" }));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        using var stillIn = await admin.GetAsync("/admin/users");
        Assert.Equal(HttpStatusCode.OK, stillIn.StatusCode);
    }

    private static async Task<Provider> StartProviderAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        string? url = null;
        app.MapGet("/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = url!,
            ["authorization_endpoint"] = url + "/authorize",
            ["token_endpoint"] = url + "/token",
            ["jwks_uri"] = url + "/jwks",
            ["response_types_supported"] = new[] { "code" },
            ["subject_types_supported"] = new[] { "public" },
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
        }));
        app.MapGet("/jwks", () => Results.Json(new { keys = Array.Empty<object>() }));
        await app.StartAsync();
        url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        return new Provider(app, url);
    }

    private sealed record Provider(WebApplication App, string Url) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => App.DisposeAsync();
    }
}
