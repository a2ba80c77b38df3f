using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace RagPlatform.Web.Tests.Api;

/// <summary>The answer history and its exports: every answer of POST /api/ask is stored, listed, exported and deletable.</summary>
public sealed class AnswersApiTests : IClassFixture<DocumentsApiTests.Indexed>
{
    private readonly DocumentsApiTests.Indexed _fixture;

    public AnswersApiTests(DocumentsApiTests.Indexed fixture) => _fixture = fixture;

    private HttpClient Client => _fixture.Client;

    [Fact]
    public async Task Each_answer_gets_an_id_and_the_history_lists_them_newest_first()
    {
        var first = await AskAsync(new { question = "How long does the agreement continue?", collection = "contracts" });
        var second = await AskAsync(new { question = "How can either party terminate the agreement?", collection = "contracts" });
        var firstId = first.GetProperty("id").GetGuid();
        var secondId = second.GetProperty("id").GetGuid();
        Assert.NotEqual(firstId, secondId);

        var list = (await ApiClient.GetJsonAsync(Client, "/api/answers?collection=contracts&limit=2")).EnumerateArray().ToList();
        Assert.Equal([secondId, firstId], list.Select(a => a.GetProperty("id").GetGuid()));
        Assert.Equal("How can either party terminate the agreement?", list[0].GetProperty("question").GetString());
        Assert.Equal(second.GetProperty("strategy").GetString(), list[0].GetProperty("strategy").GetString());
        Assert.Equal(second.GetProperty("citations").GetArrayLength(), list[0].GetProperty("citations").GetInt32());
        Assert.True(list[0].GetProperty("createdAt").GetDateTimeOffset() >= list[1].GetProperty("createdAt").GetDateTimeOffset());
        Assert.Single((await ApiClient.GetJsonAsync(Client, "/api/answers?collection=contracts&limit=1")).EnumerateArray());

        var stored = await ApiClient.GetJsonAsync(Client, $"/api/answers/{secondId}");
        Assert.Equal("contracts", stored.GetProperty("collection").GetString());
        Assert.Equal(second.GetProperty("answer").GetString(), stored.GetProperty("answer").GetString());
        Assert.Equal(second.GetProperty("supported").GetBoolean(), stored.GetProperty("supported").GetBoolean());
        Assert.Equal(
            second.GetProperty("citations").EnumerateArray().Select(c => c.GetProperty("quote").GetString()),
            stored.GetProperty("citations").EnumerateArray().Select(c => c.GetProperty("quote").GetString()));
        Assert.Equal(0, stored.GetProperty("documentIds").GetArrayLength());
        Assert.True(stored.GetProperty("tookMs").GetDouble() >= 0);
    }

    [Fact]
    public async Task A_streamed_answer_is_stored_too_and_its_final_event_carries_the_id()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/ask")
        {
            Content = JsonContent.Create(new { question = "What survives termination of this Agreement?", collection = "contracts" }),
        };
        request.Headers.Accept.ParseAdd("text/event-stream");
        using var response = await Client.SendAsync(request);
        var stream = await response.Content.ReadAsStringAsync();
        var data = stream.Split("\n\n", StringSplitOptions.RemoveEmptyEntries)
            .Single(b => b.StartsWith("event: answer\n", StringComparison.Ordinal))
            .Split('\n')[1]["data: ".Length..];
        var answer = JsonDocument.Parse(data).RootElement;
        var stored = await ApiClient.GetJsonAsync(Client, $"/api/answers/{answer.GetProperty("id").GetGuid()}");
        Assert.Equal("What survives termination of this Agreement?", stored.GetProperty("question").GetString());
        Assert.Equal(answer.GetProperty("answer").GetString(), stored.GetProperty("answer").GetString());
    }

    [Fact]
    public async Task Markdown_export_has_one_footnote_per_citation_with_title_pages_and_verbatim_quote()
    {
        var answer = await AskAsync(new { question = "How can either party terminate the agreement?", collection = "contracts" });
        var citations = answer.GetProperty("citations").EnumerateArray().ToList();
        Assert.NotEmpty(citations);
        using var response = await Client.GetAsync($"/api/answers/{answer.GetProperty("id").GetGuid()}/export?format=md");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/markdown", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        var markdown = await response.Content.ReadAsStringAsync();

        Assert.StartsWith("# How can either party terminate the agreement?\n", markdown, StringComparison.Ordinal);
        var footnotes = markdown.Split('\n').Where(l => l.StartsWith("[^", StringComparison.Ordinal)).ToList();
        Assert.Equal(citations.Count, footnotes.Count);
        foreach (var citation in citations)
        {
            var n = citation.GetProperty("n").GetInt32();
            var expected = $"[^{n}]: {citation.GetProperty("title").GetString()}, {Pages(citation)}: \"{citation.GetProperty("quote").GetString()}\"";
            Assert.Contains(expected, markdown, StringComparison.Ordinal);
            Assert.Contains($"[^{n}]", markdown.Split('\n')[2], StringComparison.Ordinal);
        }

        Assert.DoesNotMatch(@"(?<!\^)\[\d+\]", markdown.Split('\n')[2]);
    }

    [Fact]
    public async Task Docx_export_has_real_word_footnotes_with_title_pages_and_verbatim_quote()
    {
        var answer = await AskAsync(new { question = "How can either party terminate the agreement?", collection = "contracts" });
        var citations = answer.GetProperty("citations").EnumerateArray().ToList();
        Assert.NotEmpty(citations);
        using var response = await Client.GetAsync($"/api/answers/{answer.GetProperty("id").GetGuid()}/export?format=docx");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", response.Content.Headers.ContentType?.MediaType);
        using var bytes = new MemoryStream(await response.Content.ReadAsByteArrayAsync());

        using var document = WordprocessingDocument.Open(bytes, false);
        var main = document.MainDocumentPart!;
        Assert.Empty(new DocumentFormat.OpenXml.Validation.OpenXmlValidator().Validate(document));
        var notes = main.FootnotesPart!.Footnotes!.Elements<Footnote>().Where(f => f.Id!.Value > 0).ToList();
        Assert.Equal(citations.Count, notes.Count);
        var references = main.Document!.Body!.Descendants<FootnoteReference>().Select(r => r.Id!.Value).ToList();
        Assert.Equal(citations.Select(c => (long)c.GetProperty("n").GetInt32()).Order(), references.Distinct().Order());
        Assert.Contains("How can either party terminate the agreement?", main.Document.Body.InnerText, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"\[\d+\]", main.Document.Body.InnerText);
        foreach (var citation in citations)
        {
            var note = notes.Single(f => f.Id!.Value == citation.GetProperty("n").GetInt32());
            Assert.Single(note.Descendants<FootnoteReferenceMark>());
            var text = Text(note);
            Assert.Contains(citation.GetProperty("title").GetString()!, text, StringComparison.Ordinal);
            Assert.Contains(Pages(citation), text, StringComparison.Ordinal);
            Assert.Contains($"\u201c{citation.GetProperty("quote").GetString()!.ReplaceLineEndings("\n")}\u201d", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Questions_scoped_to_documents_draw_only_on_them_and_the_scope_is_stored()
    {
        var documents = (await ApiClient.GetJsonAsync(Client, "/api/collections/contracts/documents")).EnumerateArray().ToList();
        var pdf = documents.Single(d => d.GetProperty("source").GetString()!.EndsWith(".pdf", StringComparison.Ordinal)).GetProperty("id").GetGuid();
        var text = documents.Single(d => d.GetProperty("source").GetString()!.EndsWith(".txt", StringComparison.Ordinal)).GetProperty("id").GetGuid();

        var scoped = await AskAsync(new { question = "What does the agreement say about termination?", collection = "contracts", strategy = "passages", documentIds = new[] { pdf } });
        Assert.All(scoped.GetProperty("evidence").EnumerateArray(), h => Assert.Equal(pdf, h.GetProperty("documentId").GetGuid()));
        var both = await AskAsync(new { question = "Summarize the documents", collection = "contracts", strategy = "map-reduce", documentIds = new[] { pdf, text } });
        var drawnOn = both.GetProperty("evidence").EnumerateArray().Select(h => h.GetProperty("documentId").GetGuid()).ToHashSet();
        Assert.Subset(new HashSet<Guid> { pdf, text }, drawnOn);
        Assert.Equal("map-reduce", both.GetProperty("strategy").GetString());

        var stored = await ApiClient.GetJsonAsync(Client, $"/api/answers/{both.GetProperty("id").GetGuid()}");
        Assert.Equal(new[] { pdf, text }, stored.GetProperty("documentIds").EnumerateArray().Select(d => d.GetGuid()));
    }

    [Fact]
    public async Task Delete_removes_the_answer_from_history_and_exports()
    {
        var answer = await AskAsync(new { question = "How long does the agreement continue?", collection = "contracts" });
        var id = answer.GetProperty("id").GetGuid();
        using (var deleted = await Client.DeleteAsync($"/api/answers/{id}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }

        foreach (var url in new[] { $"/api/answers/{id}", $"/api/answers/{id}/export?format=md" })
        {
            using var gone = await Client.GetAsync(url);
            Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        }

        using var again = await Client.DeleteAsync($"/api/answers/{id}");
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        var list = await ApiClient.GetJsonAsync(Client, "/api/answers?collection=contracts&limit=200");
        Assert.DoesNotContain(list.EnumerateArray(), a => a.GetProperty("id").GetGuid() == id);
    }

    [Theory]
    [InlineData("/api/answers", 400)]
    [InlineData("/api/answers?collection=contracts&limit=0", 400)]
    [InlineData("/api/answers?collection=contracts&limit=201", 400)]
    [InlineData("/api/answers?collection=nope", 200)]
    [InlineData("/api/answers/00000000-0000-0000-0000-000000000001", 404)]
    [InlineData("/api/answers/00000000-0000-0000-0000-000000000001/export?format=md", 404)]
    public async Task Bad_history_requests_get_problem_details(string url, int status)
    {
        using var response = await Client.GetAsync(url);
        Assert.Equal(status, (int)response.StatusCode);
        if (status != 200)
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task Unknown_export_format_is_400()
    {
        var answer = await AskAsync(new { question = "How long does the agreement continue?", collection = "contracts" });
        using var response = await Client.GetAsync($"/api/answers/{answer.GetProperty("id").GetGuid()}/export?format=pdf");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    private async Task<JsonElement> AskAsync(object body)
    {
        using var response = await Client.PostAsJsonAsync("/api/ask", body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static string Pages(JsonElement citation)
    {
        var start = citation.GetProperty("pageStart").GetInt32();
        var end = citation.GetProperty("pageEnd").GetInt32();
        return start == end ? string.Create(CultureInfo.InvariantCulture, $"p. {start}") : string.Create(CultureInfo.InvariantCulture, $"p. {start}-{end}");
    }

    /// <summary>A footnote's text as Word shows it: text runs joined, breaks as line ends.</summary>
    private static string Text(Footnote note)
    {
        var text = new StringBuilder();
        foreach (var element in note.Descendants())
        {
            if (element is Text t)
            {
                text.Append(t.Text);
            }
            else if (element is Break)
            {
                text.Append('\n');
            }
        }

        return text.ToString();
    }
}
