using System.Net;
using System.Net.Http.Json;

namespace RagPlatform.Web.Tests.Api;

/// <summary>
/// A server without any collection shows that it has none (and how to make one) on Library, Search and Ask, instead
/// of opening on a collection "library" that does not exist; once one exists, the pages open on it.
/// </summary>
public sealed class EmptyServerPagesTests
{
    [Fact]
    public async Task An_empty_server_offers_no_made_up_collection_and_a_new_one_is_opened_on()
    {
        using var factory = new RagWebFactory();
        using var client = factory.CreateClient();
        foreach (var path in new[] { "/", "/search", "/ask" })
        {
            var html = await PageAsync(client, path);
            Assert.True(html.Contains("data-testid=\"no-collection\"", StringComparison.Ordinal), $"{path}: {MainPart(html)}");
            Assert.DoesNotContain("library (new)", html, StringComparison.Ordinal);
            Assert.DoesNotContain("No collection named", html, StringComparison.Ordinal);
        }

        using var created = await client.PostAsJsonAsync("/api/collections", new { name = "casebook" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        foreach (var path in new[] { "/", "/search", "/ask" })
        {
            var html = await PageAsync(client, path);
            Assert.DoesNotContain("data-testid=\"no-collection\"", html, StringComparison.Ordinal);
            Assert.Contains("casebook (0)", html, StringComparison.Ordinal);
        }
    }

    private static string MainPart(string html)
    {
        var start = html.IndexOf("<main", StringComparison.Ordinal);
        return start < 0 ? html : html[start..Math.Min(html.Length, start + 1500)];
    }

    private static async Task<string> PageAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode}");
        return html;
    }
}
