using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace RagPlatform.Web.Tests.Api;

public sealed class BadInputApiTests : IDisposable
{
    private readonly RagWebFactory _factory = new(new Dictionary<string, string?> { ["Ingestion:MaxFileBytes"] = "200000" });
    private readonly HttpClient _client;

    public BadInputApiTests() => _client = _factory.CreateClient();

    public void Dispose()
    {
        _client.Dispose();
        _factory.Dispose();
    }

    [Fact]
    public async Task A_bad_file_fails_alone_and_the_rest_of_the_job_is_indexed()
    {
        var garbage = new byte[4096];
        new Random(7).NextBytes(garbage);
        var accepted = await ApiClient.UploadAsync(
            _client,
            "mixed",
            ("garbage.pdf", garbage),
            ("good.md", Encoding.UTF8.GetBytes("# Title\n\nThe indemnification clause survives.")));
        var job = await ApiClient.WaitForJobAsync(_client, accepted.GetProperty("jobId").GetString()!);

        // Empty and unsupported files are refused at upload time now (UploadLifecycleTests); a corrupt one fails alone.
        Assert.Equal("PartiallyFailed", job.GetProperty("state").GetString());
        Assert.Equal(1, job.GetProperty("added").GetInt32());
        Assert.Equal(1, job.GetProperty("failed").GetInt32());
        var errors = job.GetProperty("errors").EnumerateArray().ToDictionary(e => e.GetProperty("path").GetString()!, e => e.GetProperty("error").GetString()!);
        Assert.False(string.IsNullOrWhiteSpace(errors["garbage.pdf"]));

        var search = await ApiClient.GetJsonAsync(_client, "/api/search?q=indemnification&collection=mixed");
        Assert.Single(search.GetProperty("hits").EnumerateArray());

        var documents = await ApiClient.GetJsonAsync(_client, "/api/collections/mixed/documents");
        var garbageDoc = documents.EnumerateArray().Single(d => d.GetProperty("source").GetString() == "garbage.pdf");
        Assert.Equal("Failed", garbageDoc.GetProperty("state").GetString());
        Assert.False(string.IsNullOrWhiteSpace(garbageDoc.GetProperty("error").GetString()));
    }

    [Theory]
    [InlineData("../../etc/passwd")]
    [InlineData("..\\..\\boot.ini")]
    [InlineData("..")]
    public async Task Upload_names_with_paths_are_refused_and_nothing_is_stored(string name)
    {
        using var form = new MultipartFormDataContent { { new ByteArrayContent(Encoding.UTF8.GetBytes("x")), "files", name } };
        using var response = await _client.PostAsync("/api/collections/c1/documents", form);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.False(Directory.Exists(Path.Combine(_factory.DataDirectory, "uploads")) &&
                     Directory.EnumerateFiles(Path.Combine(_factory.DataDirectory, "uploads"), "*", SearchOption.AllDirectories).Any());
    }

    [Fact]
    public async Task Oversized_upload_is_a_413()
    {
        using var form = new MultipartFormDataContent { { new ByteArrayContent(new byte[300_000]), "files", "big.txt" } };
        using var response = await _client.PostAsync("/api/collections/c1/documents", form);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("Ingestion:MaxFileBytes", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("../evil")]
    [InlineData("UPPER and spaces")]
    public async Task Invalid_collection_names_are_400(string name)
    {
        using var response = await _client.PostAsJsonAsync("/api/collections", new { name });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("collection name", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Collections_can_be_created_and_listed()
    {
        using var created = await _client.PostAsJsonAsync("/api/collections", new { name = "Statutes" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var list = await ApiClient.GetJsonAsync(_client, "/api/collections");
        Assert.Contains(list.EnumerateArray(), c => c.GetProperty("name").GetString() == "statutes");
    }

    [Fact]
    public async Task Upload_without_files_is_a_400()
    {
        using var form = new MultipartFormDataContent { { new StringContent("x"), "other" } };
        using var response = await _client.PostAsync("/api/collections/c1/documents", form);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Health_and_openapi_are_served()
    {
        var health = await ApiClient.GetJsonAsync(_client, "/api/health");
        Assert.Equal("Healthy", health.GetProperty("status").GetString());
        var openApi = await ApiClient.GetJsonAsync(_client, "/openapi/v1.json");
        Assert.True(openApi.GetProperty("paths").TryGetProperty("/api/search", out _));
    }
}
