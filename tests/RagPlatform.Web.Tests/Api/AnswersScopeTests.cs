using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace RagPlatform.Web.Tests.Api;

/// <summary>The answer history honours API-key collection scopes: a key limited to team-a never sees team-b's answers.</summary>
public sealed class AnswersScopeTests : IAsyncLifetime
{
    private const string AdminKey = "admin-key-0123456789abcdef";
    private const string ReaderAKey = "reader-a-key-0123456789abcdef";
    private const string WriterAKey = "writer-a-key-0123456789abcdef";

    private readonly RagWebFactory _factory = new(new Dictionary<string, string?>
    {
        ["Auth:Keys:0:Key"] = AdminKey,
        ["Auth:Keys:0:Role"] = "admin",
        ["Auth:Keys:1:Key"] = ReaderAKey,
        ["Auth:Keys:1:Role"] = "reader",
        ["Auth:Keys:1:Collections:0"] = "team-a",
        ["Auth:Keys:2:Key"] = WriterAKey,
        ["Auth:Keys:2:Role"] = "writer",
        ["Auth:Keys:2:Collections:0"] = "team-a",
    });

    private Guid _answerA;
    private Guid _answerB;

    public async Task InitializeAsync()
    {
        using var admin = Client(AdminKey);
        foreach (var team in new[] { "team-a", "team-b" })
        {
            var text = Encoding.UTF8.GetBytes($"The {team} budget for the year is approved by the board in January.");
            var accepted = await ApiClient.UploadAsync(admin, team, ("budget.txt", text));
            await ApiClient.WaitForJobAsync(admin, accepted.GetProperty("jobId").GetString()!);
        }

        _answerA = await AskAsync(admin, "team-a");
        _answerB = await AskAsync(admin, "team-b");
    }

    public Task DisposeAsync()
    {
        _factory.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_scoped_reader_sees_its_collection_s_answers_and_none_of_another_s()
    {
        using var reader = Client(ReaderAKey);
        var own = await ApiClient.GetJsonAsync(reader, "/api/answers?collection=team-a");
        Assert.Equal([_answerA], own.EnumerateArray().Select(a => a.GetProperty("id").GetGuid()));
        (await ApiClient.GetJsonAsync(reader, $"/api/answers/{_answerA}")).GetProperty("question").GetString();

        using var list = await reader.GetAsync("/api/answers?collection=team-b");
        Assert.Equal(HttpStatusCode.Forbidden, list.StatusCode);
        foreach (var url in new[] { $"/api/answers/{_answerB}", $"/api/answers/{_answerB}/export?format=md", $"/api/answers/{_answerB}/export?format=docx" })
        {
            using var response = await reader.GetAsync(url);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }
    }

    [Fact]
    public async Task Deleting_needs_a_writer_of_the_answer_s_collection()
    {
        using var reader = Client(ReaderAKey);
        using (var byReader = await reader.DeleteAsync($"/api/answers/{_answerA}"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, byReader.StatusCode);
        }

        using var writer = Client(WriterAKey);
        using (var otherTeam = await writer.DeleteAsync($"/api/answers/{_answerB}"))
        {
            Assert.Equal(HttpStatusCode.NotFound, otherTeam.StatusCode);
        }

        using (var own = await writer.DeleteAsync($"/api/answers/{_answerA}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, own.StatusCode);
        }

        using var admin = Client(AdminKey);
        Assert.Equal(_answerB, (await ApiClient.GetJsonAsync(admin, $"/api/answers/{_answerB}")).GetProperty("id").GetGuid());
        using var anonymous = _factory.CreateClient();
        using var unauthenticated = await anonymous.GetAsync("/api/answers?collection=team-a");
        Assert.Equal(HttpStatusCode.Unauthorized, unauthenticated.StatusCode);
    }

    private static async Task<Guid> AskAsync(HttpClient client, string collection)
    {
        using var response = await client.PostAsJsonAsync("/api/ask", new { question = "Who approves the budget?", collection });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("id").GetGuid();
    }

    private HttpClient Client(string key)
    {
        var client = _factory.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }
}
