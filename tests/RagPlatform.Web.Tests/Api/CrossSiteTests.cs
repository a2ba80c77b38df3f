using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace RagPlatform.Web.Tests.Api;

/// <summary>No-key mode: cross-site posts, DNS rebinding (Host) and the Blazor pages' antiforgery check.</summary>
public sealed class CrossSiteTests : IClassFixture<CrossSiteTests.Server>
{
    private readonly Server _server;

    public CrossSiteTests(Server server) => _server = server;

    [Theory]
    [InlineData("Origin", "http://attacker.example", "attacker.example")]
    [InlineData("Origin", "http://localhost:8080", "localhost:8080")]
    [InlineData("Origin", "null", "opaque")]
    [InlineData("Sec-Fetch-Site", "cross-site", "cross-site")]
    [InlineData("Sec-Fetch-Site", "same-site", "same-site")]
    public async Task Cross_site_upload_is_403_and_nothing_is_queued(string header, string value, string reason)
    {
        using var client = _server.Factory.CreateClient();
        using var form = new MultipartFormDataContent { { new ByteArrayContent(Encoding.UTF8.GetBytes("hello")), "files", "x.txt" } };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/collections/victim/documents") { Content = form };
        request.Headers.TryAddWithoutValidation(header, value);
        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var detail = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString();
        Assert.Contains("Cross-site request refused", detail, StringComparison.Ordinal);
        Assert.Contains(reason, detail, StringComparison.Ordinal);
        var collections = await ApiClient.GetJsonAsync(client, "/api/collections");
        Assert.DoesNotContain(collections.EnumerateArray(), c => c.GetProperty("name").GetString() == "victim");
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("Origin", "http://localhost")]
    [InlineData("Sec-Fetch-Site", "same-origin")]
    [InlineData("Sec-Fetch-Site", "none")]
    public async Task Scripts_and_same_origin_posts_pass(string? header, string? value)
    {
        using var client = _server.Factory.CreateClient();
        var name = "ok-" + Guid.NewGuid().ToString("N")[..8];
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/collections") { Content = JsonContent.Create(new { name }) };
        if (header is not null)
        {
            request.Headers.TryAddWithoutValidation(header, value);
        }

        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task Cross_site_delete_is_403_but_cross_site_reads_are_not_blocked_here()
    {
        using var client = _server.Factory.CreateClient();
        using var delete = new HttpRequestMessage(HttpMethod.Delete, $"/api/documents/{Guid.NewGuid()}");
        delete.Headers.TryAddWithoutValidation("Origin", "https://attacker.example");
        using var deleted = await client.SendAsync(delete);
        Assert.Equal(HttpStatusCode.Forbidden, deleted.StatusCode);

        // Reads change nothing, and the browser's same-origin policy keeps their answers from the other site.
        using var read = new HttpRequestMessage(HttpMethod.Get, "/api/collections");
        read.Headers.TryAddWithoutValidation("Origin", "https://attacker.example");
        using var listed = await client.SendAsync(read);
        Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
    }

    [Theory]
    [InlineData("attacker.example", HttpStatusCode.BadRequest)]
    [InlineData("attacker.example:5180", HttpStatusCode.BadRequest)]
    [InlineData("127.0.0.1:5180", HttpStatusCode.OK)]
    [InlineData("[::1]:5180", HttpStatusCode.OK)]
    [InlineData("localhost", HttpStatusCode.OK)]
    public async Task Only_loopback_host_names_are_served(string host, HttpStatusCode expected)
    {
        using var client = _server.Factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/collections");
        request.Headers.Host = host;
        using var response = await client.SendAsync(request);
        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task With_no_keys_a_wildcard_AllowedHosts_still_means_loopback_only()
    {
        using var factory = new RagWebFactory(new Dictionary<string, string?> { ["AllowedHosts"] = "*" });
        using var client = factory.CreateClient();
        using var rebound = new HttpRequestMessage(HttpMethod.Get, "/api/collections") { Headers = { Host = "attacker.example" } };
        using var refused = await client.SendAsync(rebound);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        using var own = await client.GetAsync("/api/collections");
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
    }

    [Fact]
    public async Task With_keys_AllowedHosts_is_taken_as_configured_and_the_cross_site_check_is_off()
    {
        const string Key = "writer-key-0123456789abcdef";
        using var factory = new RagWebFactory(new Dictionary<string, string?>
        {
            ["AllowedHosts"] = "*",
            ["Auth:Keys:0:Key"] = Key,
            ["Auth:Keys:0:Role"] = "writer",
        });
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", Key);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/collections")
        {
            Content = JsonContent.Create(new { name = "keyed" }),
            Headers = { Host = "rag.example.org" },
        };
        request.Headers.TryAddWithoutValidation("Origin", "https://other.example");
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task Blazor_page_form_posts_still_need_an_antiforgery_token()
    {
        using var client = _server.Factory.CreateClient();
        using var page = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["_handler"] = "search", ["q"] = "x" });
        using var post = await client.PostAsync("/", form);
        Assert.Equal(HttpStatusCode.BadRequest, post.StatusCode);
    }

    public sealed class Server : IDisposable
    {
        public RagWebFactory Factory { get; } = new();

        public void Dispose() => Factory.Dispose();
    }
}
