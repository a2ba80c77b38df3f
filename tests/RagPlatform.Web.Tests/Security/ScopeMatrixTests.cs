using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using RagPlatform.Web.Security;
using RagPlatform.Web.Tests.Api;

namespace RagPlatform.Web.Tests.Security;

/// <summary>
/// Every API route and UI page of the real route table, called by an account scoped to team-a (with its key and with its
/// signed-in cookie) against team-b's collection, document, job and answer: none reads or writes team-b.
/// </summary>
public sealed class ScopeMatrixTests(ScopeMatrixTests.Server server) : IClassFixture<ScopeMatrixTests.Server>
{
    private const string WriterA = "writer-a@example.org";

    /// <summary>Each route's request against team-b; {doc}, {job} and {answer} are team-b's ids.</summary>
    private static readonly Dictionary<string, (string Url, object? Body)> s_api = new()
    {
        ["GET /api/collections"] = ("/api/collections", null),
        ["POST /api/collections"] = ("/api/collections", new { name = "team-b" }),
        ["DELETE /api/collections/{collection}"] = ("/api/collections/team-b", null),
        ["POST /api/collections/{collection}/rename"] = ("/api/collections/team-b/rename", new { name = "team-c" }),
        ["POST /api/collections/{collection}/documents"] = ("/api/collections/team-b/documents", "upload"),
        ["GET /api/collections/{collection}/documents"] = ("/api/collections/team-b/documents", null),
        ["GET /api/documents/{id:guid}"] = ("/api/documents/{doc}", null),
        ["DELETE /api/documents/{id:guid}"] = ("/api/documents/{doc}", null),
        ["POST /api/documents/{id:guid}/reindex"] = ("/api/documents/{doc}/reindex", null),
        ["GET /api/documents/{id:guid}/text"] = ("/api/documents/{doc}/text?start=0&end=10", null),
        ["GET /api/documents/{id:guid}/file"] = ("/api/documents/{doc}/file", null),
        ["GET /api/documents/{id:guid}/tree"] = ("/api/documents/{doc}/tree", null),
        ["GET /api/documents/{id:guid}/boxes"] = ("/api/documents/{doc}/boxes?start=0&end=10", null),
        ["GET /api/search"] = ("/api/search?q=budget&collection=team-b", null),
        ["POST /api/search"] = ("/api/search", new { query = "budget", collection = "team-b" }),
        ["POST /api/ask"] = ("/api/ask", new { question = "Who approves the budget?", collection = "team-b" }),
        ["GET /api/answers"] = ("/api/answers?collection=team-b", null),
        ["GET /api/answers/{id:guid}"] = ("/api/answers/{answer}", null),
        ["GET /api/answers/{id:guid}/export"] = ("/api/answers/{answer}/export?format=md", null),
        ["DELETE /api/answers/{id:guid}"] = ("/api/answers/{answer}", null),
        ["POST /api/jobs"] = ("/api/jobs", new { collection = "team-b", path = "/tmp" }),
        ["GET /api/jobs"] = ("/api/jobs", null),
        ["GET /api/jobs/{id:guid}"] = ("/api/jobs/{job}", null),
        ["POST /api/eval-qa"] = ("/api/eval-qa?collection=team-b", "{\"question\":\"Who approves the budget?\",\"answer\":\"the board\"}"),
        ["GET /api/admin/audit"] = ("/api/admin/audit", null),
    };

    /// <summary>Routes that name no collection and hold none of its data.</summary>
    private static readonly HashSet<string> s_noCollection = ["GET /api/health"];

    /// <summary>Each page's address for team-b.</summary>
    private static readonly Dictionary<string, string> s_pages = new()
    {
        ["/"] = "/?collection=team-b",
        ["/search"] = "/search?collection=team-b",
        ["/ask"] = "/ask?collection=team-b",
        ["/documents/{Id:guid}"] = "/documents/{doc}",
        ["/admin/users"] = "/admin/users",
        ["/admin/audit"] = "/admin/audit",
        ["/account/login"] = "/account/login",
        ["/account/denied"] = "/account/denied",
    };

    [Fact]
    public void Every_route_and_page_in_the_route_table_has_a_case()
    {
        var (api, pages) = RouteTable(server.Factory);
        var uncovered = api.Where(r => !s_api.ContainsKey(r) && !s_noCollection.Contains(r)).Concat(pages.Where(p => !s_pages.ContainsKey(p))).ToList();
        Assert.True(uncovered.Count == 0, "routes without a scope case: " + string.Join(", ", uncovered));
        var stale = s_api.Keys.Where(r => !api.Contains(r)).Concat(s_pages.Keys.Where(p => !pages.Contains(p))).ToList();
        Assert.True(stale.Count == 0, "cases for routes that do not exist: " + string.Join(", ", stale));
    }

    [Fact]
    public async Task No_api_route_lets_a_team_a_account_read_or_write_team_b()
    {
        using var key = TestAccounts.KeyClient(server.Factory, server.WriterKey);
        using var cookie = await TestAccounts.SignedInAsync(server.Factory, WriterA);
        var failures = new List<string>();
        foreach (var (client, how) in new[] { (key, "key"), (cookie, "cookie") })
        {
            foreach (var (route, (url, body)) in s_api)
            {
                using var response = await SendAsync(client, route, url, body);
                var text = await response.Content.ReadAsStringAsync();
                var status = (int)response.StatusCode;
                var leaked = status < 300 && (text.Contains("team-b", StringComparison.Ordinal) || text.Contains(server.DocumentB.ToString(), StringComparison.Ordinal));
                // Only the collection list answers 200 (with team-a alone); every other route refuses (403, or 404 for ids).
                if ((status is >= 200 and < 300 && route != "GET /api/collections") || leaked || status is 401 or >= 500)
                {
                    failures.Add($"{how} {route}: {status} {text[..Math.Min(200, text.Length)]}");
                }
            }
        }

        Assert.Empty(failures);

        // The requests were real: the same ones find team-b's data for the admin, and nothing of team-b was changed.
        using var admin = TestAccounts.KeyClient(server.Factory, server.AdminKey);
        foreach (var url in new[] { "/api/documents/{doc}", "/api/documents/{doc}/text?start=0&end=10", "/api/documents/{doc}/file", "/api/answers/{answer}", "/api/jobs/{job}", "/api/search?q=budget&collection=team-b" })
        {
            using var response = await admin.GetAsync(server.Fill(url));
            Assert.True(response.IsSuccessStatusCode, $"admin GET {url}: {(int)response.StatusCode}");
        }

        var names = (await ApiClient.GetJsonAsync(admin, "/api/collections")).EnumerateArray().Select(c => c.GetProperty("name").GetString()).ToList();
        Assert.Contains("team-b", names);
        Assert.DoesNotContain("team-c", names);
    }

    [Fact]
    public async Task No_page_shows_team_b_to_a_team_a_account()
    {
        using var cookie = await TestAccounts.SignedInAsync(server.Factory, WriterA);
        foreach (var (pattern, address) in s_pages)
        {
            using var response = await cookie.GetAsync(server.Fill(address));
            var html = await response.Content.ReadAsStringAsync();
            Assert.False(html.Contains("budget.txt", StringComparison.Ordinal) || html.Contains("team-b (1)", StringComparison.Ordinal), $"{pattern} shows team-b");
            if (pattern.StartsWith("/admin", StringComparison.Ordinal))
            {
                Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
                Assert.StartsWith("/account/denied", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
            }
            else
            {
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            }
        }

        // The library and ask pages say why; the document page answers as for a missing document; team-a is offered.
        Assert.Contains("does not cover collection &#x27;team-b&#x27;", await cookie.GetStringAsync("/?collection=team-b"), StringComparison.Ordinal);
        Assert.Contains("does not cover collection &#x27;team-b&#x27;", await cookie.GetStringAsync("/ask?collection=team-b"), StringComparison.Ordinal);
        Assert.Contains("does not exist or is not indexed", await cookie.GetStringAsync(server.Fill("/documents/{doc}")), StringComparison.Ordinal);
        Assert.Contains("team-a (1)", await cookie.GetStringAsync("/?collection=team-a"), StringComparison.Ordinal);
    }

    private static (HashSet<string> Api, HashSet<string> Pages) RouteTable(RagWebFactory factory)
    {
        var endpoints = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        var api = new HashSet<string>(StringComparer.Ordinal);
        var pages = new HashSet<string>(StringComparer.Ordinal);
        foreach (var endpoint in endpoints)
        {
            var pattern = endpoint.RoutePattern.RawText ?? string.Empty;
            if (pattern.StartsWith("/api", StringComparison.Ordinal) || pattern.StartsWith("/v1", StringComparison.Ordinal))
            {
                foreach (var method in endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? [])
                {
                    api.Add($"{method} {(pattern.Length > 1 ? pattern.TrimEnd('/') : pattern)}");
                }
            }
            else if (endpoint.Metadata.GetMetadata<ComponentTypeMetadata>() is not null)
            {
                pages.Add(pattern.Length > 1 ? pattern.TrimEnd('/') : "/");
            }
        }

        return (api, pages);
    }

    private Task<HttpResponseMessage> SendAsync(HttpClient client, string route, string url, object? body)
    {
        var method = new HttpMethod(route[..route.IndexOf(' ', StringComparison.Ordinal)]);
        var request = new HttpRequestMessage(method, server.Fill(url));
        request.Content = body switch
        {
            null => null,
            "upload" => new MultipartFormDataContent { { new ByteArrayContent(Encoding.UTF8.GetBytes("Written by team a.")), "files", "intruder.txt" } },
            string text => new StringContent(text, Encoding.UTF8, "application/x-ndjson"),
            _ => JsonContent.Create(body),
        };
        return client.SendAsync(request);
    }

    public sealed class Server : IAsyncLifetime
    {
        public RagWebFactory Factory { get; } = new(TestAccounts.Settings());

        public string AdminKey { get; private set; } = string.Empty;

        public string WriterKey { get; private set; } = string.Empty;

        public Guid DocumentB { get; private set; }

        public Guid JobB { get; private set; }

        public Guid AnswerB { get; private set; }

        public string Fill(string url) => url.Replace("{doc}", DocumentB.ToString(), StringComparison.Ordinal)
            .Replace("{job}", JobB.ToString(), StringComparison.Ordinal).Replace("{answer}", AnswerB.ToString(), StringComparison.Ordinal);

        public async Task InitializeAsync()
        {
            _ = Factory.Server;
            await TestAccounts.CreateAsync(Factory, WriterA, Roles.Writer, "team-a");
            AdminKey = (await TestAccounts.IssueKeyAsync(Factory, TestAccounts.AdminEmail)).Secret;
            WriterKey = (await TestAccounts.IssueKeyAsync(Factory, WriterA)).Secret;
            using var admin = TestAccounts.KeyClient(Factory, AdminKey);
            foreach (var team in new[] { "team-a", "team-b" })
            {
                var accepted = await ApiClient.UploadAsync(admin, team, ("budget.txt", Encoding.UTF8.GetBytes($"The {team} budget is approved by the board in January.")));
                var job = accepted.GetProperty("jobId").GetString()!;
                await ApiClient.WaitForJobAsync(admin, job);
                if (team == "team-b")
                {
                    JobB = Guid.Parse(job);
                    DocumentB = (await ApiClient.GetJsonAsync(admin, "/api/collections/team-b/documents"))[0].GetProperty("id").GetGuid();
                    using var asked = await admin.PostAsJsonAsync("/api/ask", new { question = "Who approves the budget?", collection = team });
                    AnswerB = JsonDocument.Parse(await asked.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid();
                }
            }
        }

        public Task DisposeAsync()
        {
            Factory.Dispose();
            return Task.CompletedTask;
        }
    }
}
