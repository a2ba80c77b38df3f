using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using RagPlatform.Web.Tests.Api;

namespace RagPlatform.UI.Tests;

/// <summary>
/// A browser on a server whose answers are written by <see cref="GatedChatClient"/> (so a test can hold an answer
/// mid-stream), with one small contract indexed in the collection "asks".
/// </summary>
public sealed class AskPageFixture : IAsyncLifetime
{
    public const string Collection = "asks";

    private const string Contract = """
        MASTER SERVICES AGREEMENT

        Article 2 Term and Termination

        2.1 This Agreement commences on the Effective Date and continues for three years.
        2.2 Either party may terminate this Agreement upon ninety days written notice to the other party.
        """;

    public AskPageFixture()
    {
        Browser = new BrowserFixture(new RagWebFactory(configure: builder =>
        {
            builder.UseSetting("Answer:Generator", "chat");
            builder.UseSetting("Answer:ChatTimeoutSeconds", "600");
            builder.ConfigureTestServices(services => services.AddSingleton<IChatClient>(Chat));
        }));
    }

    internal GatedChatClient Chat { get; } = new();

    public BrowserFixture Browser { get; }

    public async Task InitializeAsync()
    {
        await Browser.InitializeAsync();
        using var http = new HttpClient { BaseAddress = Browser.BaseAddress };
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(Contract));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        form.Add(file, "files", "msa.txt");
        using var accepted = await http.PostAsync($"/api/collections/{Collection}/documents", form);
        accepted.EnsureSuccessStatusCode();
        var job = (await accepted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("jobId").GetString();
        var state = await JobEnds.UntilAsync(async () =>
        {
            var current = (await http.GetFromJsonAsync<JsonElement>($"/api/jobs/{job}")).GetProperty("state").GetString();
            return (current is not ("Queued" or "Running"), current);
        }, $"job {job} did not end");
        Assert.Equal("Succeeded", state);
    }

    public Task DisposeAsync() => Browser.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class AskPageCollection : ICollectionFixture<AskPageFixture>
{
    public const string Name = "ask page";
}
