using System.Net;
using System.Text.Json;

namespace RagPlatform.Web.Tests.Api;

/// <summary>/openapi/v1.json documents every API operation: a summary, its ProblemDetails errors and the X-Api-Key scheme.</summary>
public sealed class OpenApiDocumentTests : IDisposable
{
    private static readonly string[] s_methods = ["get", "post", "put", "delete", "patch"];

    private readonly RagWebFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task The_api_key_scheme_is_declared_and_required_by_every_operation_but_health()
    {
        var document = await DocumentAsync();
        var scheme = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("ApiKey");
        Assert.Equal("apiKey", scheme.GetProperty("type").GetString());
        Assert.Equal("header", scheme.GetProperty("in").GetString());
        Assert.Equal("X-Api-Key", scheme.GetProperty("name").GetString());

        foreach (var (path, method, operation) in ApiOperations(document))
        {
            var secured = operation.TryGetProperty("security", out var security)
                && security.EnumerateArray().Any(r => r.TryGetProperty("ApiKey", out _));
            if (path == "/api/health")
            {
                Assert.False(secured, "health needs no key");
                continue;
            }

            Assert.True(secured, $"{method} {path} has no ApiKey security requirement");
            foreach (var status in new[] { "401", "403" })
            {
                Assert.True(operation.GetProperty("responses").TryGetProperty(status, out var response), $"{method} {path} lacks {status}");
                Assert.True(response.GetProperty("content").TryGetProperty("application/problem+json", out _), $"{method} {path} {status} is not ProblemDetails");
            }
        }
    }

    [Fact]
    public async Task Every_api_operation_has_a_summary_and_its_error_responses()
    {
        var document = await DocumentAsync();
        var operations = ApiOperations(document).ToList();
        Assert.True(operations.Count >= 20, $"only {operations.Count} operations");
        foreach (var (path, method, operation) in operations)
        {
            Assert.True(operation.TryGetProperty("summary", out var summary) && summary.GetString()!.Length > 5, $"{method} {path} has no summary");
        }

        Assert.Equal(["400", "409"], ErrorStatuses(document, "/api/collections", "post", ["400", "409"]));
        Assert.Equal(["404", "409"], ErrorStatuses(document, "/api/collections/{collection}", "delete", ["404", "409"]));
        Assert.Equal(["400", "404", "409"], ErrorStatuses(document, "/api/collections/{collection}/rename", "post", ["400", "404", "409"]));
        Assert.Equal(["400", "413", "415"], ErrorStatuses(document, "/api/collections/{collection}/documents", "post", ["400", "413", "415"]));
        Assert.Equal(["404", "409"], ErrorStatuses(document, "/api/documents/{id}/reindex", "post", ["404", "409"]));
        var upload = document.GetProperty("paths").GetProperty("/api/collections/{collection}/documents").GetProperty("post");
        Assert.Contains("415", upload.GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scalar_serves_the_api_browser()
    {
        using var client = _factory.CreateClient();
        using var response = await client.GetAsync("/scalar");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("openapi/v1.json", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private async Task<JsonElement> DocumentAsync()
    {
        using var client = _factory.CreateClient();
        return await ApiClient.GetJsonAsync(client, "/openapi/v1.json");
    }

    private static IEnumerable<(string Path, string Method, JsonElement Operation)> ApiOperations(JsonElement document)
    {
        foreach (var path in document.GetProperty("paths").EnumerateObject().Where(p => p.Name.StartsWith("/api/", StringComparison.Ordinal)))
        {
            foreach (var method in path.Value.EnumerateObject().Where(m => s_methods.Contains(m.Name)))
            {
                yield return (path.Name, method.Name, method.Value);
            }
        }
    }

    private static List<string> ErrorStatuses(JsonElement document, string path, string method, string[] expected)
    {
        var responses = document.GetProperty("paths").GetProperty(path).GetProperty(method).GetProperty("responses");
        return [.. expected.Where(s => responses.TryGetProperty(s, out var r) && r.GetProperty("content").TryGetProperty("application/problem+json", out _))];
    }
}
