using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace RagPlatform.Web.Tests.Api;

public sealed class AskApiTests : IClassFixture<DocumentsApiTests.Indexed>
{
    private readonly DocumentsApiTests.Indexed _fixture;

    public AskApiTests(DocumentsApiTests.Indexed fixture) => _fixture = fixture;

    [Fact]
    public async Task Answer_cites_verbatim_spans_of_the_documents()
    {
        using var response = await _fixture.Client.PostAsJsonAsync("/api/ask", new { question = "How can either party terminate the agreement?", collection = "contracts" });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        var answer = JsonDocument.Parse(body).RootElement;
        Assert.True(answer.GetProperty("supported").GetBoolean());
        var citations = answer.GetProperty("citations").EnumerateArray().ToList();
        Assert.NotEmpty(citations);
        Assert.Contains("[1]", answer.GetProperty("answer").GetString(), StringComparison.Ordinal);
        Assert.Contains(citations, c => c.GetProperty("quote").GetString()!.Contains("ninety days written notice", StringComparison.Ordinal));
        foreach (var citation in citations)
        {
            var span = await ApiClient.GetJsonAsync(
                _fixture.Client,
                $"/api/documents/{citation.GetProperty("documentId").GetString()}/text?start={citation.GetProperty("charStart").GetInt32()}&end={citation.GetProperty("charEnd").GetInt32()}");
            Assert.Equal(citation.GetProperty("quote").GetString(), span.GetProperty("text").GetString());
        }
    }

    [Fact]
    public async Task Answer_streams_deltas_then_the_full_answer_as_server_sent_events()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/ask")
        {
            Content = JsonContent.Create(new { question = "How long does the agreement continue?", collection = "contracts" }),
        };
        request.Headers.Accept.ParseAdd("text/event-stream");
        using var response = await _fixture.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var events = ParseEvents(await response.Content.ReadAsStringAsync());
        Assert.Contains(events, e => e.Name == "delta");
        Assert.Equal("answer", events[^1].Name);
        Assert.Single(events, e => e.Name == "answer");
        var answer = JsonDocument.Parse(events[^1].Data).RootElement;
        Assert.Contains("three years", answer.GetProperty("answer").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "contracts", 400)]
    [InlineData("What is the term?", "", 400)]
    [InlineData("What is the term?", "nope", 404)]
    public async Task Bad_questions_get_problem_details(string question, string collection, int status)
    {
        using var response = await _fixture.Client.PostAsJsonAsync("/api/ask", new { question, collection });
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    private static List<(string Name, string Data)> ParseEvents(string stream)
    {
        var events = new List<(string, string)>();
        foreach (var block in stream.Split("\n\n", StringSplitOptions.RemoveEmptyEntries))
        {
            string? name = null;
            var data = new StringBuilder();
            foreach (var line in block.Split('\n'))
            {
                if (line.StartsWith("event: ", StringComparison.Ordinal))
                {
                    name = line[7..];
                }
                else if (line.StartsWith("data: ", StringComparison.Ordinal))
                {
                    data.Append(line[6..]);
                }
            }

            if (name is not null)
            {
                events.Add((name, data.ToString()));
            }
        }

        return events;
    }
}
