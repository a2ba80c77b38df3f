using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace RagPlatform.Web.Tests.Api;

/// <summary>Every client error of the API is application/problem+json with a detail, whatever Accept says or the body holds.</summary>
public sealed class ProblemDetailsTests : IClassFixture<ApiServer>
{
    private readonly ApiServer _server;

    public ProblemDetailsTests(ApiServer server) => _server = server;

    [Theory]
    [InlineData("text/html")]
    [InlineData("text/html,application/xhtml+xml,*/*;q=0.8")]
    [InlineData("image/png")]
    public async Task Missing_document_is_a_404_problem_whatever_Accept_says(string accept)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/documents/{Guid.NewGuid()}");
        request.Headers.TryAddWithoutValidation("Accept", accept);
        using var response = await _server.Client.SendAsync(request);
        await AssertProblemAsync(response, HttpStatusCode.NotFound, "No document");
    }

    [Fact]
    public async Task Unknown_api_route_with_Accept_html_is_a_404_problem()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/no-such-route");
        request.Headers.TryAddWithoutValidation("Accept", "text/html");
        using var response = await _server.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Streaming_ask_on_a_missing_collection_is_a_404_problem()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/ask") { Content = JsonContent.Create(new { question = "what?", collection = "nope" }) };
        request.Headers.TryAddWithoutValidation("Accept", "text/event-stream");
        using var response = await _server.Client.SendAsync(request);
        await AssertProblemAsync(response, HttpStatusCode.NotFound, "nope");
    }

    [Theory]
    [InlineData("{\"name\":", "BytePositionInLine")]
    [InlineData("{\"name\": 12}", "$.name")]
    [InlineData("not json", "BytePositionInLine")]
    public async Task Malformed_json_is_a_400_that_says_what_is_wrong(string body, string expected)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await _server.Client.PostAsync("/api/collections", content);
        await AssertProblemAsync(response, HttpStatusCode.BadRequest, expected);
    }

    [Fact]
    public async Task Json_route_with_the_wrong_content_type_is_a_415_problem()
    {
        using var content = new StringContent("name=x", Encoding.UTF8, "text/plain");
        using var response = await _server.Client.PostAsync("/api/collections", content);
        await AssertProblemAsync(response, HttpStatusCode.UnsupportedMediaType, "JSON");
    }

    [Fact]
    public async Task Multipart_body_that_is_garbage_is_a_400_problem()
    {
        using var content = new ByteArrayContent(Encoding.ASCII.GetBytes("this is not a multipart body at all"));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=XyZ");
        using var response = await _server.Client.PostAsync("/api/collections/c/documents", content);
        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "multipart/form-data body could not be read");
    }

    [Fact]
    public async Task Multipart_without_a_boundary_is_a_400_problem()
    {
        using var content = new ByteArrayContent(Encoding.ASCII.GetBytes("--a\r\n\r\n--a--"));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data");
        using var response = await _server.Client.PostAsync("/api/collections/c/documents", content);
        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "boundary");
    }

    [Fact]
    public async Task File_name_over_255_utf8_bytes_is_a_400_and_nothing_is_stored()
    {
        var name = new string('文', 200) + ".txt";
        Assert.Equal(604, Encoding.UTF8.GetByteCount(name));
        using var form = new MultipartFormDataContent { { new ByteArrayContent(Encoding.UTF8.GetBytes("hello")), "files", name } };
        using var response = await _server.Client.PostAsync("/api/collections/cjk/documents", form);
        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "604 bytes");
        Assert.False(Directory.Exists(Path.Combine(_server.Factory.DataDirectory, "uploads")) &&
                     Directory.EnumerateFileSystemEntries(Path.Combine(_server.Factory.DataDirectory, "uploads")).Any());
    }

    [Fact]
    public async Task File_name_of_85_cjk_characters_fits_and_is_accepted()
    {
        var name = new string('文', 83) + ".md";
        Assert.Equal(252, Encoding.UTF8.GetByteCount(name));
        var accepted = await ApiClient.UploadAsync(_server.Client, "cjk-ok", (name, Encoding.UTF8.GetBytes("# 文\n\nThe clause survives.")));
        var job = await ApiClient.WaitForJobAsync(_server.Client, accepted.GetProperty("jobId").GetString()!);
        Assert.Equal("Succeeded", job.GetProperty("state").GetString());
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string detailPart)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.Contains(detailPart, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
