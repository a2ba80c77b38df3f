namespace RagPlatform.Web.Tests.Cli;

public sealed class IndexVerbTests
{
    [Fact]
    public async Task Index_reindex_change_and_prune_report_exact_counts()
    {
        using var cli = new CliFixture();
        cli.Write("a.txt", "The licensee shall indemnify the licensor against all claims.");
        var changed = cli.Write("b.md", "# Arbitration\n\nDisputes go to binding arbitration in Geneva.");
        var gone = cli.Write("sub/c.txt", "Force majeure excuses performance during floods.");

        var first = await cli.RunAsync("index", cli.Inputs, "--collection", "contracts", "--json");
        Assert.Equal(0, first.ExitCode);
        Assert.Equal(3, first.Count("added"));
        Assert.Equal(0, first.Count("failed"));
        Assert.Equal("contracts", first.Json.GetProperty("collection").GetString());
        Assert.True(first.Count("chunks") >= 3);
        Assert.True(first.Count("pages") >= 3);

        var again = await cli.RunAsync("index", cli.Inputs, "--collection", "contracts", "--json");
        Assert.Equal(0, again.ExitCode);
        Assert.Equal(3, again.Count("unchanged"));
        Assert.Equal(0, again.Count("added") + again.Count("updated"));

        File.AppendAllText(changed, "\n\nThe seat of arbitration is Geneva.");
        var update = await cli.RunAsync("index", cli.Inputs, "--collection", "contracts", "--json");
        Assert.Equal(1, update.Count("updated"));
        Assert.Equal(2, update.Count("unchanged"));

        File.Delete(gone);
        var prune = await cli.RunAsync("index", cli.Inputs, "--collection", "contracts", "--prune", "--json");
        Assert.Equal(0, prune.ExitCode);
        Assert.Equal(1, prune.Count("removed"));
        Assert.Equal(2, prune.Count("unchanged"));

        var list = await cli.RunAsync("docs", "list", "--collection", "contracts", "--json");
        Assert.Equal(2, list.Json.GetArrayLength());
        Assert.All(list.Json.EnumerateArray(), d => Assert.Equal("Indexed", d.GetProperty("state").GetString()));

        var jobs = await cli.RunAsync("jobs", "list", "--json");
        Assert.Equal(4, jobs.Json.GetArrayLength());
        var jobId = jobs.Json[0].GetProperty("id").GetString()!;
        var job = await cli.RunAsync("jobs", "show", jobId, "--json");
        Assert.Equal(0, job.ExitCode);
        Assert.Equal("contracts", job.Json.GetProperty("collection").GetString());
    }

    [Fact]
    public async Task Rebuild_rewrites_the_indexes_from_the_database_and_search_still_finds_every_document()
    {
        using var cli = new CliFixture();
        cli.Write("a.txt", "The licensee shall indemnify the licensor against all claims.");
        cli.Write("b.md", "# Arbitration\n\nDisputes go to binding arbitration in Geneva.");
        Assert.Equal(0, (await cli.RunAsync("index", cli.Inputs, "--collection", "contracts", "--json")).ExitCode);
        var before = await cli.RunAsync("search", "arbitration Geneva", "--collection", "contracts", "--json");

        var rebuild = await cli.RunAsync("index", "--rebuild", "--collection", "contracts", "--json");
        var after = await cli.RunAsync("search", "arbitration Geneva", "--collection", "contracts", "--json");

        Assert.Equal(0, rebuild.ExitCode);
        Assert.Equal(2, rebuild.Count("rebuilt"));
        Assert.Equal(before.Json.GetProperty("hits")[0].GetProperty("chunkId").GetString(), after.Json.GetProperty("hits")[0].GetProperty("chunkId").GetString());
        Assert.Equal(2, (await cli.RunAsync("docs", "list", "--collection", "contracts", "--json")).Json.GetArrayLength());

        var unknown = await cli.RunAsync("index", "--rebuild", "--collection", "nothing-here");
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("No collection named 'nothing-here'", unknown.Stderr, StringComparison.Ordinal);
        var neither = await cli.RunAsync("index", "--collection", "contracts");
        Assert.Equal(2, neither.ExitCode);
        Assert.Contains("--rebuild", neither.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_garbage_pdf_fails_alone_with_exit_code_1()
    {
        using var cli = new CliFixture();
        cli.Write("good.txt", "Section 1. The tenant pays rent monthly.");
        cli.Write("notes.md", "# Notes\n\nThe landlord repairs the roof.");
        var garbage = cli.Write("broken.pdf", "this is not a pdf at all");

        var run = await cli.RunAsync("index", cli.Inputs, "--collection", "leases", "--json");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(2, run.Count("added"));
        Assert.Equal(1, run.Count("failed"));
        var error = Assert.Single(run.Json.GetProperty("errors").EnumerateArray());
        Assert.Equal(garbage, error.GetProperty("path").GetString());
        Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("error").GetString()));
    }

    [Fact]
    public async Task Bad_arguments_exit_with_code_2_and_one_error_line()
    {
        using var cli = new CliFixture();
        cli.Write("a.txt", "Some text.");

        var missing = await cli.RunAsync("index", Path.Combine(cli.Root, "no-such-folder"), "--collection", "c", "--json");
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("no-such-folder", missing.Stderr, StringComparison.Ordinal);
        Assert.Equal(string.Empty, missing.Stdout);

        var empty = await cli.RunAsync("index", cli.Inputs, "--collection", "", "--json");
        Assert.Equal(2, empty.ExitCode);
        Assert.Contains("collection name", empty.Stderr, StringComparison.Ordinal);

        var invalid = await cli.RunAsync("index", cli.Inputs, "--collection", "Not Valid!", "--json");
        Assert.Equal(2, invalid.ExitCode);

        var noCollection = await cli.RunAsync("index", cli.Inputs);
        Assert.Equal(2, noCollection.ExitCode);

        var unknownVerb = await cli.RunAsync("frobnicate");
        Assert.Equal(2, unknownVerb.ExitCode);

        var badId = await cli.RunAsync("docs", "show", "not-a-guid");
        Assert.Equal(2, badId.ExitCode);

        var unknownDoc = await cli.RunAsync("docs", "delete", Guid.NewGuid().ToString());
        Assert.Equal(2, unknownDoc.ExitCode);

        var benchWithoutInputs = await cli.RunAsync("bench");
        Assert.Equal(2, benchWithoutInputs.ExitCode);
        Assert.Contains("--pdfs", benchWithoutInputs.Stderr, StringComparison.Ordinal);
    }
}
