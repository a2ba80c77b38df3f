using System.Net;
using System.Text;
using System.Text.Json;
using RagPlatform.Web.Tests.Api;
using RagPlatform.Web.Tests.Cli;

namespace RagPlatform.Web.Tests.Trees;

public sealed class TreeRouteAndVerbTests
{
    private static readonly string s_contract = string.Join("\n\n", Enumerable.Range(1, 60).Select(i =>
        $"Article {i} Clause {i}\n\n{i}.1 The supplier shall deliver lot {i} within {i + 10} days of the order. " +
        $"{i}.2 Either party may terminate the order for lot {i} upon written notice if the other party breaches clause {i}.1."));

    [Fact]
    public async Task Tree_route_returns_levels_and_nested_nodes_and_problem_details_for_unknown_ids()
    {
        using var factory = new RagWebFactory(new Dictionary<string, string?> { ["Tree:LeafTokens"] = "60", ["Tree:FanOut"] = "3" });
        using var client = factory.CreateClient();
        var accepted = await ApiClient.UploadAsync(client, "supply", ("supply.txt", Encoding.UTF8.GetBytes(s_contract)));
        await ApiClient.WaitForJobAsync(client, accepted.GetProperty("jobId").GetString()!);
        var id = (await ApiClient.GetJsonAsync(client, "/api/collections/supply/documents"))[0].GetProperty("id").GetString();

        var tree = await ApiClient.GetJsonAsync(client, $"/api/documents/{id}/tree");
        AssertTreeShape(tree, id!);

        using var missing = await client.GetAsync($"/api/documents/{Guid.NewGuid()}/tree");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Docs_tree_verb_prints_the_contract_shape_and_ask_returns_a_walk()
    {
        using var cli = new CliFixture();
        cli.Write("supply.txt", s_contract);
        Assert.Equal(0, (await cli.RunAsync("index", cli.Inputs, "--collection", "supply", "--json")).ExitCode);
        var id = (await cli.RunAsync("docs", "list", "--collection", "supply", "--json")).Json[0].GetProperty("id").GetString()!;

        var tree = await cli.RunAsync("docs", "tree", id, "--json");
        Assert.Equal(0, tree.ExitCode);
        AssertTreeShape(tree.Json, id);

        var ask = await cli.RunAsync("ask", "When may a party terminate the order for lot 7?", "--collection", "supply", "--strategy", "tree", "--json");
        Assert.Equal(0, ask.ExitCode);
        Assert.Equal("tree", ask.Json.GetProperty("strategy").GetString());
        Assert.True(ask.Json.GetProperty("walk").GetProperty("visited").GetInt32() >= 2);
        Assert.StartsWith("walk visit", ask.Json.GetProperty("trace")[0].GetString(), StringComparison.Ordinal);

        var unknown = await cli.RunAsync("docs", "tree", Guid.NewGuid().ToString(), "--json");
        Assert.Equal(2, unknown.ExitCode);
    }

    private static void AssertTreeShape(JsonElement tree, string id)
    {
        Assert.Equal(id, tree.GetProperty("documentId").GetString(), ignoreCase: true);
        var levels = tree.GetProperty("levels").GetInt32();
        var nodes = tree.GetProperty("nodes").EnumerateArray().ToDictionary(n => n.GetProperty("id").GetInt32());
        Assert.True(levels >= 2, $"{levels} levels");
        var root = Assert.Single(nodes.Values, n => n.GetProperty("parentId").ValueKind == JsonValueKind.Null);
        Assert.Equal(levels - 1, root.GetProperty("level").GetInt32());
        foreach (var node in nodes.Values.Where(n => n.GetProperty("parentId").ValueKind != JsonValueKind.Null))
        {
            var parent = nodes[node.GetProperty("parentId").GetInt32()];
            Assert.InRange(node.GetProperty("charStart").GetInt32(), parent.GetProperty("charStart").GetInt32(), parent.GetProperty("charEnd").GetInt32());
            Assert.InRange(node.GetProperty("charEnd").GetInt32(), parent.GetProperty("charStart").GetInt32(), parent.GetProperty("charEnd").GetInt32());
            Assert.True(node.GetProperty("pageStart").GetInt32() >= 1);
            Assert.False(string.IsNullOrWhiteSpace(node.GetProperty("summary").GetString()));
        }
    }
}
